using CcTsa.Contracts.Messages.Signing;

namespace CcTsa.ControlPlane.Tsa;

/// <summary>
/// What the signing gateway answers for one batch: the granted tokens (one per request, matched
/// by RequestId), or why none could be signed. A granted batch that lacks a request's token is
/// treated as <see cref="Unavailability.BelowQuorum"/> for that request, never as a success.
/// </summary>
public sealed record SigningOutcome
{
    private SigningOutcome(IReadOnlyList<SignedTimestamp> tokens, Unavailability? unavailable, int epoch)
    {
        Tokens = tokens;
        Unavailable = unavailable;
        Epoch = epoch;
    }

    public IReadOnlyList<SignedTimestamp> Tokens { get; }

    /// <summary>Set when the batch could not be signed at all.</summary>
    public Unavailability? Unavailable { get; }

    /// <summary>The key epoch that signed the tokens (0 when unavailable).</summary>
    public int Epoch { get; }

    public static SigningOutcome Granted(int epoch, IReadOnlyList<SignedTimestamp> tokens)
    {
        ArgumentNullException.ThrowIfNull(tokens);
        ArgumentOutOfRangeException.ThrowIfLessThan(epoch, 1);
        return new SigningOutcome(tokens, null, epoch);
    }

    public static SigningOutcome NotSigned(Unavailability why) => new([], why, 0);
}
