using System.Reflection;
using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;
using CcTsa.Cli.Embedded;
using CcTsa.ControlPlane.Hosting;
using CcTsa.Crypto.Attestation;

namespace CcTsa.ControlPlane.Tests.Adversary;

/// <summary>
/// Issue 13 (low): whoever holds the simulated AMD root's keys can mint an "attested" node. The
/// control plane verifies simulated reports but must never be able to mint them: the ControlPlane
/// assembly never names the signing-capable types, `serve --simulated-root` reads certificates
/// only, and in `up` the control plane's attestation settings reach no key.
/// </summary>
public class SimulatedRootCustodyTests
{
    private static readonly Lazy<SimulatedAmdRoot> Root = new(() => SimulatedAmdRoot.Generate(DateTimeOffset.UtcNow, rsaBits: 2048));

    /// <summary>Every type the compiled ControlPlane assembly refers to (any field, parameter, call or local names one of these).</summary>
    private static HashSet<string> TypeReferences(Assembly assembly)
    {
        using var pe = new PEReader(File.OpenRead(assembly.Location));
        var md = pe.GetMetadataReader();
        return [.. md.TypeReferences.Select(h => md.GetTypeReference(h)).Select(t => md.GetString(t.Namespace) + "." + md.GetString(t.Name))];
    }

    [Fact]
    public void ControlPlane_assembly_never_names_the_signing_capable_root_or_a_vcek()
    {
        var referenced = TypeReferences(typeof(ControlPlaneHost).Assembly);
        Assert.DoesNotContain(typeof(SimulatedAmdRoot).FullName!, referenced);
        Assert.DoesNotContain(typeof(SimulatedVcek).FullName!, referenced);
    }

    [Fact]
    public void Serve_reads_only_the_certificates_of_a_root_file()
    {
        // key blocks are skipped unread: a file whose keys are garbage still gives the same anchors
        var bundle = Root.Value.ToPemBundle();
        var garbled = System.Text.RegularExpressions.Regex.Replace(bundle, "(-----BEGIN [A-Z ]*PRIVATE KEY-----\n)", "${1}AAAA");
        Assert.NotEqual(bundle, garbled);
        var fromBundle = SimulatedAmdRootCertificate.FromPem(garbled);
        var fromCertificates = SimulatedAmdRootCertificate.FromPem(Root.Value.Certificate.ToPem());
        Assert.Equal(Root.Value.ArkDer, fromBundle.ArkDer);
        Assert.Equal(Root.Value.AskDer, fromCertificates.AskDer);
        Assert.DoesNotContain("PRIVATE KEY", Root.Value.Certificate.ToPem(), StringComparison.Ordinal);
        Assert.DoesNotContain("SEED", Root.Value.Certificate.ToPem(), StringComparison.Ordinal);
    }

    [Fact]
    public void Certificate_type_has_no_member_that_could_hold_a_key()
    {
        var fields = typeof(SimulatedAmdRootCertificate).GetFields(BindingFlags.Instance | BindingFlags.NonPublic | BindingFlags.Public);
        Assert.All(fields, f => Assert.Equal(typeof(byte[]), f.FieldType));
        Assert.Equal(["_ark", "_ask"], fields.Select(f => f.Name).Order());
    }

    [Fact]
    public async Task Embedded_control_plane_attestation_settings_reach_no_simulated_root_key()
    {
        var dir = Directory.CreateTempSubdirectory("cctsa-custody-");
        try
        {
            await File.WriteAllTextAsync(Path.Combine(dir.FullName, EmbeddedFleet.RootFileName), Root.Value.ToPemBundle());
            await using var fleet = await EmbeddedFleet.CreateAsync(dir.FullName, faults: false, CancellationToken.None);
            var reachable = Reachable(fleet.Attestation);
            Assert.DoesNotContain(reachable, o => o is SimulatedAmdRoot or SimulatedVcek);
            Assert.DoesNotContain(reachable, o => o is Org.BouncyCastle.Crypto.AsymmetricKeyParameter { IsPrivate: true });
            Assert.Contains(reachable, o => o is AmdTrustAnchors);
        }
        finally { dir.Delete(recursive: true); }
    }

    /// <summary>Every object reachable through fields from <paramref name="root"/> (reference types, each once).</summary>
    private static List<object> Reachable(object root)
    {
        var seen = new HashSet<object>(ReferenceEqualityComparer.Instance);
        var pending = new Stack<object>([root]);
        while (pending.Count > 0 && seen.Count < 200_000)
        {
            var o = pending.Pop();
            if (!seen.Add(o)) continue;
            var type = o.GetType();
            if (type.IsPrimitive || o is string || o is Type || o is Delegate || o is MemberInfo) continue;
            if (o is System.Collections.IEnumerable items && o is not byte[])
            {
                try { foreach (var item in items) if (item is not null && !item.GetType().IsPrimitive) pending.Push(item); }
                catch (Exception e) when (e is InvalidOperationException or NotSupportedException) { }   // the fields below cover it
            }
            for (var t = type; t is not null; t = t.BaseType)
                foreach (var f in t.GetFields(BindingFlags.Instance | BindingFlags.NonPublic | BindingFlags.Public | BindingFlags.DeclaredOnly))
                    if (!f.FieldType.IsPrimitive && f.GetValue(o) is { } value) pending.Push(value);
        }
        return [.. seen];
    }
}
