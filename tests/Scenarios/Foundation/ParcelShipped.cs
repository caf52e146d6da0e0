namespace CcTsa.Scenarios.Foundation;

/// <summary>Test-local event for the Marten smoke test.</summary>
public sealed record ParcelShipped(string Destination);
