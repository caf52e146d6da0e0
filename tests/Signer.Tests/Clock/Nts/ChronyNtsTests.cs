using System.Net;
using CcTsa.Crypto.Clock;
using CcTsa.Crypto.Common;
using CcTsa.Crypto.Nts;
using CcTsa.Signer.Clock.Nts;
using CcTsa.Testing;

namespace CcTsa.Signer.Tests.Clock.Nts;

/// <summary>The RFC 8915 client against a real NTS server (Debian's chronyd), honest and tampered with.</summary>
public sealed class ChronyNtsTests
{
    /// <summary>A hang guard only: a TLS 1.3 NTS-KE on a CI host at load 40 can take seconds.</summary>
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(15);

    /// <summary>What the stopped-server test waits for an NTP answer that never comes.</summary>
    private static readonly TimeSpan Silence = TimeSpan.FromSeconds(3);

    private static NtsTimeClient Client(ChronyNtsServer chrony, NtsTrust? trust = null, IPEndPoint? redirect = null, TimeSpan? timeout = null) =>
        new(NtsServerEndpoint.Parse(chrony.Endpoint), trust ?? NtsTrust.FromFiles([chrony.CertificatePath]), () => DateTimeOffset.UtcNow, timeout ?? Timeout)
        {
            NtpRedirect = redirect,
        };

    private static NtsSample Ok(Result<NtsSample, NtsError> result) =>
        result.TryGet(out var sample, out var error) ? sample : throw new Xunit.Sdk.XunitException("NTS query failed: " + error);

    private static NtsError Refused(Result<NtsSample, NtsError> result) =>
        result.TryGet(out var sample, out var error) ? throw new Xunit.Sdk.XunitException($"NTS query was accepted (offset {sample.Offset})") : error;

    [Fact]
    public async Task GetsAuthenticatedTimeFromChronyAndReusesItsCookies()
    {
        using var chrony = new ChronyNtsServer();
        using var client = Client(chrony);
        var first = Ok(await client.QueryAsync(CancellationToken.None));
        // chronyd serves this machine's own clock: the true offset is zero and the sample must say so.
        NtsBounds.AssertBrackets(first, TimeSpan.Zero);
        Assert.InRange(first.Uncertainty, TimeSpan.Zero, Timeout);
        // The second exchange rides on a cookie the first (authenticated) response returned.
        var second = Ok(await client.QueryAsync(CancellationToken.None));
        NtsBounds.AssertBrackets(second, TimeSpan.Zero);
        Assert.Equal(chrony.Endpoint, second.Server);
    }

    [Fact]
    public async Task RefusesAServerWhoseCertificateIsNotTrusted()
    {
        using var chrony = new ChronyNtsServer();
        using var other = ChronyNtsServer.SelfSigned("some-other-ca", out var key);
        key.Dispose();
        using var client = Client(chrony, NtsTrust.FromRoots([other]));
        var error = Refused(await client.QueryAsync(CancellationToken.None));
        Assert.Equal(NtsFailure.UntrustedCertificate, error.Failure);
        Assert.Contains("not trusted", error.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ATamperedCookieIsRefusedByTheServerWithAKissOfDeath()
    {
        using var chrony = new ChronyNtsServer();
        // Header 48 + Unique Identifier field 36 + cookie field header 4: byte 98 lies inside the cookie.
        using var proxy = new UdpTamperProxy(new IPEndPoint(IPAddress.Loopback, chrony.NtpPort), onRequest: r => r[98] ^= 0x01);
        using var client = Client(chrony, redirect: proxy.Endpoint);
        var error = Refused(await client.QueryAsync(CancellationToken.None));
        Assert.Equal(NtsFailure.KissOfDeath, error.Failure);
        Assert.Contains("NTSN", error.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ATamperedAuthenticatorIsRefused()
    {
        using var chrony = new ChronyNtsServer();
        using var proxy = new UdpTamperProxy(new IPEndPoint(IPAddress.Loopback, chrony.NtpPort), onResponse: r => r[^5] ^= 0x80);
        using var client = Client(chrony, redirect: proxy.Endpoint);
        var error = Refused(await client.QueryAsync(CancellationToken.None));
        Assert.Equal(NtsFailure.AuthenticationFailed, error.Failure);
    }

    [Fact]
    public async Task AResponseWhoseTimeWasMovedInFlightIsRefused()
    {
        using var chrony = new ChronyNtsServer();
        // Byte 43 is the low byte of the transmit timestamp's seconds: a 1 s lie the AEAD must catch.
        using var proxy = new UdpTamperProxy(new IPEndPoint(IPAddress.Loopback, chrony.NtpPort), onResponse: r => r[43] ^= 0x01);
        using var client = Client(chrony, redirect: proxy.Endpoint);
        var error = Refused(await client.QueryAsync(CancellationToken.None));
        Assert.Equal(NtsFailure.AuthenticationFailed, error.Failure);
    }

    [Fact]
    public async Task AStoppedServerIsAnErrorNotATime()
    {
        using var chrony = new ChronyNtsServer();
        using var client = Client(chrony, timeout: Silence);
        Ok(await client.QueryAsync(CancellationToken.None));
        chrony.Stop();
        var onCookie = Refused(await client.QueryAsync(CancellationToken.None));
        Assert.Equal(NtsFailure.NtpTimeout, onCookie.Failure);
        using var fresh = Client(chrony, timeout: Silence);
        var onKe = Refused(await fresh.QueryAsync(CancellationToken.None));
        Assert.Equal(NtsFailure.KeConnectionFailed, onKe.Failure);
    }
}
