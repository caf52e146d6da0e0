namespace CcTsa.Scenarios.Foundation;

/// <summary>Test-local event for the Marten smoke test (domain events live in Contracts/Events).</summary>
public sealed record ParcelRegistered(string Parcel, string Origin);
