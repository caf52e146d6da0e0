namespace CcTsa.ControlPlane.Pki;

/// <summary>Why `cctsa ca import` refused a certificate from an external CA.</summary>
public enum ImportFailure
{
    /// <summary>The file holds no PEM certificate, or the certificate is not decodable.</summary>
    Unreadable,
    /// <summary>No CSR is waiting for a certificate (run `cctsa ca csr` first).</summary>
    NoPendingRequest,
    /// <summary>The certificate's key is not the key of any pending CSR.</summary>
    KeyMismatch,
    /// <summary>The certificate's subject differs from the CSR's.</summary>
    SubjectMismatch,
    /// <summary>EKU is not critical id-kp-timeStamping only, or keyUsage allows more than signing.</summary>
    BadKeyUsage,
    /// <summary>The certificate is not valid now.</summary>
    BadValidity,
    /// <summary>The certificate is not signed by the first certificate of the supplied chain.</summary>
    BadChain,
}
