using System.Security.Cryptography;
using System.Text;

namespace CcTsa.ControlPlane.Api.Access;

/// <summary>Who a presented bearer token proves the caller to be.</summary>
public enum ApiRole
{
    /// <summary>No token, or one that matches neither.</summary>
    None,
    /// <summary>The auditor token: audit reads only.</summary>
    Auditor,
    /// <summary>The operator token: audit reads and every mutating action.</summary>
    Operator,
}

/// <summary>
/// The operator and auditor tokens, held only as SHA-256 hashes. A presented token is hashed and
/// compared with <see cref="CryptographicOperations.FixedTimeEquals"/> against both, always both,
/// so neither the time taken nor an early exit tells a caller how much of a guess was right.
/// </summary>
public sealed class ApiCredentials
{
    private readonly byte[] _operator;
    private readonly byte[] _auditor;

    public ApiCredentials(string operatorToken, string auditorToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(operatorToken);
        ArgumentException.ThrowIfNullOrWhiteSpace(auditorToken);
        if (string.Equals(operatorToken, auditorToken, StringComparison.Ordinal))
            throw new ArgumentException("the operator and auditor tokens must differ", nameof(auditorToken));
        _operator = Hash(operatorToken);
        _auditor = Hash(auditorToken);
    }

    /// <summary>The role a presented token proves; <see cref="ApiRole.None"/> for null or a wrong token.</summary>
    public ApiRole RoleOf(string? presented)
    {
        if (string.IsNullOrEmpty(presented)) return ApiRole.None;
        var hash = Hash(presented);
        var isOperator = CryptographicOperations.FixedTimeEquals(hash, _operator);
        var isAuditor = CryptographicOperations.FixedTimeEquals(hash, _auditor);
        return isOperator ? ApiRole.Operator : isAuditor ? ApiRole.Auditor : ApiRole.None;
    }

    /// <summary>Loads both tokens from their files, creating each missing one (0600); the paths and whether each was created.</summary>
    public static (ApiCredentials Credentials, ApiTokenPaths Paths) LoadOrCreate(string operatorPath, string auditorPath)
    {
        var operatorCreated = ApiTokenFile.LoadOrCreate(operatorPath, out var op);
        var auditorCreated = ApiTokenFile.LoadOrCreate(auditorPath, out var au);
        return (new ApiCredentials(op, au), new ApiTokenPaths(Path.GetFullPath(operatorPath), operatorCreated, Path.GetFullPath(auditorPath), auditorCreated));
    }

    /// <summary>The default files of a data directory: DIR/operator-token and DIR/auditor-token.</summary>
    public static (string Operator, string Auditor) DefaultPaths(string dataDirectory) =>
        (Path.Combine(dataDirectory, ApiTokenFile.OperatorFileName), Path.Combine(dataDirectory, ApiTokenFile.AuditorFileName));

    private static byte[] Hash(string token) => SHA256.HashData(Encoding.UTF8.GetBytes(token));
}

/// <summary>Where the tokens are, and whether this start created them (printed by `up` and `serve`).</summary>
public sealed record ApiTokenPaths(string Operator, bool OperatorCreated, string Auditor, bool AuditorCreated)
{
    /// <summary>The lines `up` and `serve` print: where the tokens are, never the tokens.</summary>
    public IEnumerable<string> Describe()
    {
        yield return $"operator token: {Operator}{(OperatorCreated ? " (created)" : "")} — send as Authorization: Bearer for /api/faults, /api/incidents/compromise";
        yield return $"auditor token:  {Auditor}{(AuditorCreated ? " (created)" : "")} — for /api/events, /api/tokens, /api/incidents, /api/audit, /api/log off loopback";
    }
}
