using System.Buffers.Binary;
using System.Runtime.InteropServices;
using CcTsa.Crypto.Attestation;

namespace CcTsa.Signer.Platform;

/// <summary>
/// The older Linux path to a report: SNP_GET_EXT_REPORT on /dev/sev-guest, which returns the report
/// and the host's certificate table (grown and retried once when the host says the buffer is too
/// small). Used when the kernel has no configfs-tsm.
/// </summary>
public sealed class SevGuestDevice(string device = SevGuestDevice.DefaultDevice)
{
    public const string DefaultDevice = "/dev/sev-guest";
    private const int MaxCertificateBytes = 4 * SevGuestInterop.PageSize;

    public string Device { get; } = device;

    public bool IsPresent => File.Exists(Device);

    public unsafe SnpEvidence Request(ReadOnlySpan<byte> reportData)
    {
        if (reportData.Length != 64)
            throw new ArgumentException($"REPORT_DATA is 64 bytes, got {reportData.Length}.", nameof(reportData));
        var fd = SevGuestInterop.open(Device, SevGuestInterop.O_RDWR);
        if (fd < 0)
            throw new PlatformUnavailableException($"Cannot open {Device} (errno {Marshal.GetLastPInvokeError()}): run the signer with access to the SEV guest device.");
        try
        {
            var certsLength = MaxCertificateBytes;
            for (var attempt = 0; ; attempt++)
            {
                var req = new SevGuestInterop.snp_ext_report_req();
                reportData.CopyTo(new Span<byte>(req.data.user_data, 64));
                var resp = new byte[SevGuestInterop.SnpReportRespSize];
                var certs = new byte[certsLength];
                fixed (byte* respPtr = resp)
                fixed (byte* certsPtr = certs)
                {
                    req.certs_address = (ulong)certsPtr;
                    req.certs_len = (uint)certsLength;
                    var io = new SevGuestInterop.snp_guest_request_ioctl { msg_version = 1, req_data = (ulong)&req, resp_data = (ulong)respPtr };
                    if (SevGuestInterop.ioctl(fd, SevGuestInterop.SNP_GET_EXT_REPORT, ref io) < 0)
                    {
                        var errno = Marshal.GetLastPInvokeError();
                        var vmm = (uint)(io.exitinfo2 >> 32);
                        if (vmm == SevGuestInterop.SNP_GUEST_VMM_ERR_INVALID_LEN && attempt == 0 && req.certs_len > certsLength)
                        {
                            certsLength = (int)Math.Min(int.MaxValue, (req.certs_len + SevGuestInterop.PageSize - 1) / SevGuestInterop.PageSize * SevGuestInterop.PageSize);
                            continue;
                        }
                        throw new PlatformUnavailableException(
                            $"SNP_GET_EXT_REPORT on {Device} failed (errno {errno}, firmware error 0x{(uint)io.exitinfo2:X}, VMM error 0x{vmm:X}).");
                    }
                }
                var status = BinaryPrimitives.ReadUInt32LittleEndian(resp);
                var size = BinaryPrimitives.ReadUInt32LittleEndian(resp.AsSpan(4));
                if (status != 0 || size < SnpReport.Size)
                    throw new PlatformUnavailableException($"The SEV firmware refused the report request (status 0x{status:X}, size {size}).");
                return new SnpEvidence(resp.AsSpan(SevGuestInterop.ReportOffsetInResponse, SnpReport.Size).ToArray(), certs);
            }
        }
        finally
        {
            _ = SevGuestInterop.close(fd);
        }
    }
}
