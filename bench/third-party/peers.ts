/** The third-party peers of `bench/peers.ts`, in the order their rows are printed. */
import type { PeerSystem } from '../peers-common.js';
import { lancedbPeer } from './lancedb.js';
import { oramaPeer } from './orama.js';
import { sqliteVecPeer } from './sqlite-vec.js';

export const THIRD_PARTY_PEERS: readonly PeerSystem[] = [oramaPeer, lancedbPeer, sqliteVecPeer];
