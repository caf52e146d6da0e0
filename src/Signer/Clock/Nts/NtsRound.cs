using CcTsa.Crypto.Clock;
using CcTsa.Crypto.Common;
using CcTsa.Crypto.Nts;

namespace CcTsa.Signer.Clock.Nts;

/// <summary>One query of every configured NTS server: each answer or refusal, and the Marzullo selection.</summary>
public sealed record NtsRound(IReadOnlyList<Result<NtsSample, NtsError>> Answers, NtsSelectionResult Selection)
{
    /// <summary>
    /// Selects among the servers that answered, but a majority is of all configured servers: two
    /// silent servers out of three leave one voice, which must not outvote nobody.
    /// </summary>
    public static NtsRound Of(IReadOnlyList<Result<NtsSample, NtsError>> answers)
    {
        ArgumentNullException.ThrowIfNull(answers);
        var samples = answers.Where(a => a.IsOk).Select(a => a.Value).ToList();
        var failed = answers.Where(a => !a.IsOk).Select(a => a.Error.Server).ToList();
        var selection = NtsSelection.Select(samples);
        if (selection.HasMajority && selection.Truechimers.Count * 2 <= answers.Count)
            selection = new NtsSelectionResult(false, [], [.. samples.Select(s => s.Server)], TimeSpan.Zero, TimeSpan.Zero);
        return new NtsRound(answers, selection with { Falsetickers = [.. selection.Falsetickers, .. failed] });
    }
}
