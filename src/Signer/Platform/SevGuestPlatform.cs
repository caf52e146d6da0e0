using System.Buffers.Binary;
using System.Runtime.InteropServices;
using CcTsa.Crypto.Attestation;

namespace CcTsa.Signer.Platform;

/// <summary>
/// Real SEV-SNP: asks the AMD secure processor for a report through /dev/sev-guest
/// (SNP_GET_REPORT). The VCEK cannot be read from inside the guest with that call; the operator
/// supplies the chain (fetched from AMD's KDS for this chip and TCB). Absent device, wrong OS or a
/// firmware error → <see cref="PlatformUnavailableException"/> with what to do about it.
/// </summary>
public sealed class SevGuestPlatform : IPlatform
{
    public const string DefaultDevice = "/dev/sev-guest";
    private readonly string _device;
    private readonly AttestationChain? _chain;

    public SevGuestPlatform(AttestationChain? chain = null, string device = DefaultDevice)
    {
        _chain = chain;
        _device = device;
    }

    public string Name => "sev-snp";

    public AttestationChain CertificateChain => _chain
        ?? throw new PlatformUnavailableException("No VCEK configured for the SEV-SNP platform: fetch it from AMD's KDS for this chip id and TCB and pass --vcek.");

    /// <summary>True when the device node exists (it says nothing about whether the guest is really SNP).</summary>
    public bool IsPresent => File.Exists(_device);

    public Task<byte[]> GetReportAsync(ReadOnlyMemory<byte> reportData64, CancellationToken cancellationToken)
    {
        if (reportData64.Length != 64)
            throw new ArgumentException($"REPORT_DATA is 64 bytes, got {reportData64.Length}.", nameof(reportData64));
        cancellationToken.ThrowIfCancellationRequested();
        if (!OperatingSystem.IsLinux())
            throw new PlatformUnavailableException("SEV-SNP reports need a Linux SEV-SNP guest; this OS has no /dev/sev-guest. Use the simulated platform.");
        if (!File.Exists(_device))
            throw new PlatformUnavailableException($"{_device} is not present: this machine is not an SEV-SNP guest (or the sev-guest driver is not loaded). Use the simulated platform.");
        return Task.FromResult(Request(reportData64.Span));
    }

    private unsafe byte[] Request(ReadOnlySpan<byte> reportData)
    {
        var fd = SevGuestInterop.open(_device, SevGuestInterop.O_RDWR);
        if (fd < 0)
            throw new PlatformUnavailableException($"Cannot open {_device} (errno {Marshal.GetLastPInvokeError()}): run the signer with access to the SEV guest device.");
        try
        {
            var req = new SevGuestInterop.snp_report_req();
            reportData.CopyTo(new Span<byte>(req.user_data, 64));
            var resp = new byte[SevGuestInterop.SnpReportRespSize];
            fixed (byte* respPtr = resp)
            {
                var io = new SevGuestInterop.snp_guest_request_ioctl
                {
                    msg_version = 1,
                    req_data = (ulong)&req,
                    resp_data = (ulong)respPtr,
                };
                if (SevGuestInterop.ioctl(fd, SevGuestInterop.SNP_GET_REPORT, ref io) < 0)
                {
                    var errno = Marshal.GetLastPInvokeError();
                    throw new PlatformUnavailableException(
                        $"SNP_GET_REPORT failed (errno {errno}, firmware error 0x{(uint)io.exitinfo2:X}, VMM error 0x{(uint)(io.exitinfo2 >> 32):X}).");
                }
            }
            var status = BinaryPrimitives.ReadUInt32LittleEndian(resp);
            var size = BinaryPrimitives.ReadUInt32LittleEndian(resp.AsSpan(4));
            if (status != 0 || size < SnpReport.Size)
                throw new PlatformUnavailableException($"The SEV firmware refused the report request (status 0x{status:X}, size {size}).");
            return resp.AsSpan(SevGuestInterop.ReportOffsetInResponse, SnpReport.Size).ToArray();
        }
        finally
        {
            _ = SevGuestInterop.close(fd);
        }
    }
}
