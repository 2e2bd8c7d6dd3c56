import { createHash } from "node:crypto";

// Hashes of the audit log. Leaves and interior nodes follow RFC 6962 (Certificate Transparency): a leaf is
// SHA-256(0x00 || bytes), a node SHA-256(0x01 || left || right), so a leaf can never pass for a node.

/** The hash a tenant's log starts from: the "previous head" of its first batch. */
export const GENESIS_HASH = "0".repeat(64);

const LEAF_PREFIX = Buffer.from([0]);
const NODE_PREFIX = Buffer.from([1]);

/** The leaf hash (hex) of a stored leaf text; the text is ASCII, so its bytes are unambiguous. */
export function leafHash(text: string): string {
  return createHash("sha256").update(LEAF_PREFIX).update(text, "latin1").digest("hex");
}

function nodeHash(left: Buffer, right: Buffer): Buffer {
  return createHash("sha256").update(NODE_PREFIX).update(left).update(right).digest();
}

function rootOf(leaves: Buffer[], from: number, to: number): Buffer {
  const n = to - from;
  if (n === 1) return leaves[from] as Buffer;
  // RFC 6962 §2.1: split at the largest power of two smaller than n.
  let k = 1;
  while (k * 2 < n) k *= 2;
  return nodeHash(rootOf(leaves, from, from + k), rootOf(leaves, from + k, to));
}

/** The Merkle tree hash (RFC 6962) of leaf hashes given in log order, hex in and out. */
export function merkleRoot(leafHashes: readonly string[]): string {
  if (leafHashes.length === 0) return createHash("sha256").digest("hex");
  const leaves = leafHashes.map((h) => Buffer.from(h, "hex"));
  return rootOf(leaves, 0, leaves.length).toString("hex");
}

/** What a batch head commits to: the tenant, its place in the log, its leaves' root and the head before it. */
export interface BatchHeadFields {
  tenantId: string;
  batchNo: number;
  firstIndex: number;
  lastIndex: number;
  root: string;
  prevHead: string;
}

/** The hash of a batch head; each head holds the one before, so the batches form one chain per tenant. */
export function batchHeadHash(b: BatchHeadFields): string {
  const text = `audit-batch-v1|${b.tenantId}|${b.batchNo}|${b.firstIndex}|${b.lastIndex}|${b.root}|${b.prevHead}`;
  return createHash("sha256").update(text, "latin1").digest("hex");
}
