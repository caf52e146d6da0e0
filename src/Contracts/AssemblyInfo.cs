// CcTsa.Contracts: bus messages and audit events — records only, no logic.
[assembly: System.CLSCompliant(false)]
