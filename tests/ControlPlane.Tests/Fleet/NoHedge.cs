using CcTsa.ControlPlane.Fleet;

namespace CcTsa.ControlPlane.Tests.Fleet;

/// <summary>
/// Failover options for tests of one coordinator at a time: no hedge before the answer bound. At the
/// default 250 ms floor a loaded CI machine delays an in-memory reply past the hedge deadline, and the
/// next coordinator is asked beside the slow one — a test of what follows a failure or a refusal then
/// sees a hedge instead (hedging has its own tests).
/// </summary>
internal static class NoHedge
{
    public static FleetOptions WithoutHedge(this FleetOptions options) =>
        options with { HedgeFloor = options.SigningTimeout, HedgeCeiling = options.SigningTimeout };
}
