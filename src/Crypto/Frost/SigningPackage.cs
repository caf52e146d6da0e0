using System.Collections.Immutable;
using CcTsa.Crypto.Common;
using CcTsa.Crypto.Ed25519;
using CcTsa.Crypto.Sharing;

namespace CcTsa.Crypto.Frost;

/// <summary>
/// What the coordinator sends every chosen signer (RFC 9591 §5.2 inputs): the message and the
/// commitment list of the signers, sorted by identifier, no duplicates. Also computes the
/// binding factors (§4.4) and the group commitment (§4.5) that Round2 and Aggregate share.
/// </summary>
public sealed class SigningPackage
{
    private readonly byte[] _message;

    private SigningPackage(ImmutableArray<SigningCommitments> commitments, byte[] message)
    {
        Commitments = commitments;
        _message = message;
    }

    /// <summary>Commitments, ascending by identifier.</summary>
    public ImmutableArray<SigningCommitments> Commitments { get; }

    public ReadOnlySpan<byte> Message => _message;

    public IReadOnlyList<ParticipantId> Signers => Commitments.Select(c => c.Identifier).ToArray();

    public static Result<SigningPackage, FrostError> Create(IEnumerable<SigningCommitments> commitments, ReadOnlySpan<byte> message)
    {
        ArgumentNullException.ThrowIfNull(commitments);
        var sorted = commitments.OrderBy(c => c.Identifier).ToImmutableArray();
        for (int i = 1; i < sorted.Length; i++)
            if (sorted[i].Identifier == sorted[i - 1].Identifier)
                return FrostError.Blame(FrostFailure.DuplicateParticipant, sorted[i].Identifier, "two commitments from one signer").As<SigningPackage>();
        if (sorted.Length < 2) return FrostError.Of(FrostFailure.IncorrectNumberOfParticipants, "a signing package needs at least two signers").As<SigningPackage>();
        return new SigningPackage(sorted, message.ToArray());
    }

    public SigningCommitments? CommitmentsOf(ParticipantId id) => Commitments.FirstOrDefault(c => c.Identifier == id);

    /// <summary>Header ‖ u16 count ‖ count × (id ‖ D ‖ E) ‖ u32 message length ‖ message.</summary>
    public byte[] ToBytes()
    {
        var o = new List<byte>(FrostWire.HeaderSize + 6 + (96 * Commitments.Length) + _message.Length);
        FrostWire.WriteHeader(o, FrostWire.Kind.SigningPackage);
        FrostWire.WriteU16(o, Commitments.Length);
        foreach (var c in Commitments) c.WriteBody(o);
        FrostWire.WriteU32(o, _message.Length);
        o.AddRange(_message);
        return [.. o];
    }

    public static Result<SigningPackage, FrostError> FromBytes(ReadOnlySpan<byte> bytes)
    {
        var r = new FrostWire.Reader(bytes);
        int n = 0, len = 0;
        var e = r.Header(FrostWire.Kind.SigningPackage);
        e ??= r.U16(out n);
        var list = new List<SigningCommitments>(n);
        for (int i = 0; e is null && i < n; i++)
        {
            SigningCommitments? c = null;
            e = SigningCommitments.ReadBody(ref r, out c);
            if (c is not null) list.Add(c);
        }
        ReadOnlySpan<byte> msg = default;
        e ??= r.U32(out len);
        e ??= r.Bytes(len, out msg);
        e ??= r.End();
        if (e is not null) return e.As<SigningPackage>();
        for (int i = 1; i < list.Count; i++)
            if (list[i].Identifier <= list[i - 1].Identifier)
                return FrostError.Of(FrostFailure.MalformedEncoding, "commitments not strictly ascending by identifier").As<SigningPackage>();
        return Create(list, msg);
    }

    /// <summary>ρ_i = H1(PK ‖ H4(msg) ‖ H5(encoded commitment list) ‖ id_i) for every signer (RFC 9591 §4.4).</summary>
    internal ImmutableSortedDictionary<ParticipantId, PublicScalar> BindingFactors(Point verifyingKey)
    {
        var list = new List<byte>(96 * Commitments.Length);
        foreach (var c in Commitments) c.WriteBody(list);
        var prefix = new byte[32 + 64 + 64 + 32];
        verifyingKey.Encoding.CopyTo(prefix);
        Ciphersuite.H4(_message).CopyTo(prefix.AsSpan(32));
        Ciphersuite.H5(list.ToArray()).CopyTo(prefix.AsSpan(96));
        var b = ImmutableSortedDictionary.CreateBuilder<ParticipantId, PublicScalar>();
        foreach (var c in Commitments)
        {
            c.Identifier.WriteTo(prefix.AsSpan(160));
            b[c.Identifier] = Ciphersuite.H1(prefix);
        }
        return b.ToImmutable();
    }

    /// <summary>R = Σ D_i + ρ_i·E_i (RFC 9591 §4.5).</summary>
    internal static Point GroupCommitment(ImmutableArray<SigningCommitments> commitments, ImmutableSortedDictionary<ParticipantId, PublicScalar> rho)
    {
        // Stays on libsodium for now (issue 17, docs/BENCHMARKS.md): the variable-time MSM
        // (Ed25519Group.SumVartime, which would fit: every operand is public) measured no faster
        // per R with the managed field arithmetic, and the embedded fleet issued fewer tokens per
        // second from a cold start with it on this path. Point additions decode both operands and
        // encode the sum (~12 µs each), so the sum starts from the first term.
        Point? acc = null;
        foreach (var c in commitments)
        {
            var term = c.Hiding + Ed25519Group.Mul(c.Binding, rho[c.Identifier].Encoding);
            acc = acc is { } a ? a + term : term;
        }
        return acc ?? Point.Identity;
    }

    /// <summary>
    /// Everything derived from the package that signers and the coordinator share. Memoised per
    /// verifying key: the coordinator signs its own share and then aggregates the same package, and
    /// the group commitment (one variable-base multiplication per signer) dominates both.
    /// </summary>
    internal (ImmutableSortedDictionary<ParticipantId, PublicScalar> Rho, Point R, PublicScalar Challenge) Derive(Point verifyingKey)
    {
        if (_derived is { } d && d.Key == verifyingKey) return d.Value;
        var rho = BindingFactors(verifyingKey);
        var r = GroupCommitment(Commitments, rho);
        var value = (rho, r, Ciphersuite.H2(r.Encoding, verifyingKey.Encoding, _message));
        _derived = new Derived(verifyingKey, value); // one reference write: readers see old or new, both correct
        return value;
    }

    private Derived? _derived;

    private sealed record Derived(Point Key, (ImmutableSortedDictionary<ParticipantId, PublicScalar> Rho, Point R, PublicScalar Challenge) Value);

    public override string ToString() => $"SigningPackage({string.Join(",", Signers)}, {_message.Length} bytes)";
}
