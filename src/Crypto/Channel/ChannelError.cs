namespace CcTsa.Crypto.Channel;

/// <summary>The error value of opening a sealed payload. Never holds payload bytes.</summary>
public sealed record ChannelError(ChannelFailure Failure, string Detail)
{
    public override string ToString() => $"{Failure}: {Detail}";
}
