namespace CcTsa.ControlPlane.Hosting;

/// <summary>Start-up refused: the data folder belongs to another audit log (see <see cref="LogIdentity"/>).</summary>
public sealed class LogIdentityMismatchException(string message) : InvalidOperationException(message);
