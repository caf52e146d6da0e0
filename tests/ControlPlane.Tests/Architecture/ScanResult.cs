namespace CcTsa.ControlPlane.Tests.Architecture;

/// <summary>What <see cref="ForbiddenReferenceScanner"/> looked at and what it found ("Type: where").</summary>
public sealed record ScanResult(IReadOnlyList<string> CheckedTypes, IReadOnlyList<string> Violations);
