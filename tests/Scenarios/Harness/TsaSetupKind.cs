namespace CcTsa.Scenarios.Harness;

/// <summary>The two ways the failure matrix runs the TSA.</summary>
public enum TsaSetupKind
{
    /// <summary>`cctsa up --faults`: one OS process, SQLite, in-memory bus, five in-process signers.</summary>
    Embedded,

    /// <summary>`cctsa serve` on PostgreSQL + RabbitMQ and five `cctsa-signer` OS processes.</summary>
    Distributed,
}
