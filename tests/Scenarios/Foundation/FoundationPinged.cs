namespace CcTsa.Scenarios.Foundation;

/// <summary>A test-only message: the foundation tests must not depend on any domain consumer.</summary>
public sealed record FoundationPinged(Guid Id, string Text);
