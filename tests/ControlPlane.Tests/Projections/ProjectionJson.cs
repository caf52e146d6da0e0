using System.Text;
using CcTsa.ControlPlane.EventStore;

namespace CcTsa.ControlPlane.Tests.Projections;

/// <summary>Projection state compared as codec JSON (records holding collections compare by reference otherwise).</summary>
internal static class ProjectionJson
{
    public static string Of<T>(T state) => Encoding.UTF8.GetString(EventCodec.SerializeValue(state));
}
