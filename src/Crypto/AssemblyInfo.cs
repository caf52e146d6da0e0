// CcTsa.Crypto: pure cryptography, no I/O.
[assembly: System.CLSCompliant(false)]
