using System.Runtime.InteropServices;

namespace CcTsa.Signer.Platform;

/// <summary>
/// Bindings for the Linux SEV guest driver (include/uapi/linux/sev-guest.h). Names follow the C
/// header so a grep of it finds them. Linux x86-64 only.
/// </summary>
internal static partial class SevGuestInterop
{
    public const int O_RDWR = 2;
    /// <summary>_IOWR('S', 0x0, struct snp_guest_request_ioctl): dir 3 &lt;&lt; 30 | size 32 &lt;&lt; 16 | 'S' &lt;&lt; 8 | 0.</summary>
    public const uint SNP_GET_REPORT = 0xC0205300;
    /// <summary>_IOWR('S', 0x2, struct snp_guest_request_ioctl): the report plus the host's certificate table.</summary>
    public const uint SNP_GET_EXT_REPORT = 0xC0205302;
    /// <summary>exitinfo2 VMM error: the certificate buffer is too small; certs_len now holds the size needed.</summary>
    public const uint SNP_GUEST_VMM_ERR_INVALID_LEN = 1;
    /// <summary>The kernel takes certificate buffers in whole pages, at most SEV_FW_BLOB_MAX_SIZE (16 KiB).</summary>
    public const int PageSize = 4096;
    public const int SnpReportRespSize = 4000;
    /// <summary>MSG_REPORT_RSP: status (4), report_size (4), reserved (0x18), then the report.</summary>
    public const int ReportOffsetInResponse = 0x20;

    [StructLayout(LayoutKind.Sequential)]
    public unsafe struct snp_report_req
    {
        public fixed byte user_data[64];
        public uint vmpl;
        public fixed byte rsvd[28];
    }

    [StructLayout(LayoutKind.Sequential)]
    public struct snp_ext_report_req
    {
        public snp_report_req data;
        public ulong certs_address;
        public uint certs_len;
    }

    [StructLayout(LayoutKind.Sequential)]
    public struct snp_guest_request_ioctl
    {
        public byte msg_version;
        public ulong req_data;
        public ulong resp_data;
        /// <summary>Union of exitinfo2 and { fw_error (low 32 bits), vmm_error (high 32 bits) }.</summary>
        public ulong exitinfo2;
    }

    [LibraryImport("libc", EntryPoint = "open", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    public static partial int open(string pathname, int flags);

    [LibraryImport("libc", EntryPoint = "ioctl", SetLastError = true)]
    public static partial int ioctl(int fd, nuint request, ref snp_guest_request_ioctl arg);

    [LibraryImport("libc", EntryPoint = "close", SetLastError = true)]
    public static partial int close(int fd);
}
