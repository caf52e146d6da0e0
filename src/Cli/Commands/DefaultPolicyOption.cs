using System.CommandLine;
using System.Diagnostics.CodeAnalysis;
using CcTsa.Crypto.Pki;

namespace CcTsa.Cli.Commands;

/// <summary>
/// `--default-policy NAME|OID` of `up` and `serve`: the policy of requests without reqPolicy and of
/// publicKey in /api/cluster (HostSettings.DefaultPolicy): ecdsa-p384 unless the operator picks
/// ed25519 (clients that verify Ed25519 in CMS only).
/// </summary>
public static class DefaultPolicyOption
{
    public static Option<string?> Create() => new("--default-policy")
    {
        Description = $"Policy of requests without reqPolicy: {string.Join(", ", TsaPolicies.All.Select(p => p.Name))} or its OID (default {TsaPolicies.Default.Name})",
    };

    /// <summary>The policy named by the flag (absent: TsaPolicies.Default, ecdsa-p384), or the usage error naming the choices.</summary>
    public static bool TryResolve(string? value, [NotNullWhen(true)] out TsaPolicy? policy, [NotNullWhen(false)] out string? error)
    {
        policy = value is null ? TsaPolicies.Default : TsaPolicies.Find(value);
        error = policy is null
            ? $"--default-policy: unknown policy '{value}'; use {string.Join(", ", TsaPolicies.All.Select(p => $"{p.Name} ({p.Oid})"))}"
            : null;
        return policy is not null;
    }
}
