// The runbook of each incident kind, as docs/RUNBOOKS.md states it from the seed: what the TSA does
// by itself, in order, and what the operator must do (null: nothing). The engine's own recorded
// steps and its current status come from /api/incidents; this is the map the page lays them on.
export const RUNBOOKS = {
  bootstrap: { doc: '§3', steps: ['five attested nodes placed 2/2/1', 'distributed key generation (new epoch)', 'group signs the CSR, certificate issued', 'epoch activated, post-recovery checklist'], operator: null },
  nodeLost: { doc: '§1', steps: ['node_lost recorded, state Degraded', 'signing continues on the remaining holders', 'replacement announces itself and is attested (same measurement)', '≥ 3 helpers redistribute a share to it (key never rebuilt)', 'post-recovery checklist, state Healthy (same epoch and key)'], operator: 'Start a replacement node with the same image and id (embedded: the node\'s "Start replacement" button).' },
  quorumLost: { doc: '§3', steps: ['halt signing (503 timeNotAvailable)', 'wait for five attested nodes placed 2/2/1', 'new DKG (epoch + 1)', 'certificate issued and epoch activated', 'post-recovery checklist'], operator: 'Provision nodes until five run the same image; then announce the new certificate to relying parties.' },
  compromise: { doc: '§5–6', steps: ['below t shares: proactive refresh, same key and certificate', 't or more: revoke the certificate (keyCompromise)', 'list the tokens issued before / after the compromise time', 'halt signing with that key and re-key (as §3)'], operator: 'Forensics on the reported nodes; at t or more, notify relying parties of tokens issued after the compromise time.' },
  clockDrift: { doc: '§7', steps: ['clock_violation, node excluded (keeps its share)', 'signing continues without it', 'clock good again for consecutive rounds: clock_recovered, node readmitted'], operator: null },
  partition: { doc: '§9', steps: ['a side with ≥ 3 nodes keeps signing; a 2/2/1 split halts', 'partition healed: same epoch and key, Healthy'], operator: 'Fix the network; nothing to do in the TSA.' },
  runbookStalled: { doc: '§14', steps: ['a step ran its bounded number of times without effect', 'retries stopped'], operator: 'Read the named step and the log, fix the cause, then clear the fault.' },
  certificateMismatch: { doc: '§13', steps: ['certificate set aside, never used'], operator: 'Install the certificate issued for this epoch\'s key (POST /api/ca/import).' },
  auditChainBroken: { doc: '§12', steps: ['issuance refused until the log is restored'], operator: 'Restore the audit log from a verified copy (cctsa audit verify), then restart.' },
};
