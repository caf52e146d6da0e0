using System.Reflection;
using CcTsa.Contracts.Hosting;

namespace CcTsa.Contracts.Tests.Messages;

/// <summary>
/// Bus messages are immutable sealed records (STYLE §7): no base classes, no settable state, so a
/// consumer can't change what another consumer of the same message sees.
/// </summary>
public class MessageShapeTests
{
    private static IEnumerable<Type> Types() => typeof(BusOptions).Assembly.GetTypes()
        .Where(t => t.IsPublic && t.Namespace?.StartsWith("CcTsa.Contracts.Messages", StringComparison.Ordinal) == true);

    public static TheoryData<Type> MessageTypes() => new(Types());

    [Fact]
    public void Messages_namespace_is_not_empty()
    {
        Assert.Contains(typeof(Contracts.Messages.Timestamp.TimestampRequested), Types());
    }

    [Theory]
    [MemberData(nameof(MessageTypes))]
    public void Message_is_a_sealed_record_without_setters_or_base_class(Type type)
    {
        Assert.True(type.IsSealed, $"{type.Name} must be sealed");
        Assert.NotNull(type.GetMethod("<Clone>$")); // compiler-generated for records only
        Assert.Equal(typeof(object), type.BaseType);
        var setters = type.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.SetMethod is { } s && !s.ReturnParameter.GetRequiredCustomModifiers().Contains(typeof(System.Runtime.CompilerServices.IsExternalInit)));
        Assert.Empty(setters);
    }
}
