import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { loadLayersModel, readMetadata, saveLayersModel, writeMetadata } from "../io/artifacts";
import type { History } from "./features";
import type { FitReport, RecommendModel, RecommendSettings } from "./types";

/**
 * A fitted recommender on disk: model.json + model.weights.bin (the tfjs network), state.bin (users' histories,
 * seen items, popularity ranking, co-occurrence neighbours as raw little-endian arrays) and metadata.json (item
 * and user ids, settings, what fit chose, and where each array lies in state.bin).
 */
const FORMAT = "storefront-recommender/1";

type ArrayEntry = { name: string; dtype: "int32" | "float32"; offset: number; length: number };
type Metadata = {
  format: string;
  items: string[];
  users: string[];
  blend: number;
  /** Absent in files written before serving read it (then no recency weighting). */
  historyHalfLifeMs?: number;
  neighboursK: number;
  settings: RecommendSettings;
  report: FitReport;
  arrays: ArrayEntry[];
};

// JSON has no Infinity ("no decay" half-lives): written as the string "Infinity".
const replacer = (_key: string, value: unknown) => (value === Infinity ? "Infinity" : value);
const reviveInfinity = (value: unknown): unknown =>
  value === "Infinity" ? Infinity : Array.isArray(value) ? value.map(reviveInfinity) : value && typeof value === "object" ? Object.fromEntries(Object.entries(value).map(([k, v]) => [k, reviveInfinity(v)])) : value;

export async function saveRecommender(model: RecommendModel, dir: string): Promise<void> {
  await saveLayersModel(model.network, dir);
  const users = [...model.histories.keys()];
  const historyOffsets = new Int32Array(users.length + 1);
  const seenOffsets = new Int32Array(users.length + 1);
  users.forEach((u, i) => {
    historyOffsets[i + 1] = (historyOffsets[i] ?? 0) + (model.histories.get(u)?.items.length ?? 0);
    seenOffsets[i + 1] = (seenOffsets[i] ?? 0) + (model.seen.get(u)?.length ?? 0);
  });
  const historyItems = new Int32Array(historyOffsets[users.length] ?? 0);
  const historyWeights = new Float32Array(historyItems.length);
  const seen = new Int32Array(seenOffsets[users.length] ?? 0);
  users.forEach((u, i) => {
    const h = model.histories.get(u);
    if (h) {
      historyItems.set(h.items, historyOffsets[i]);
      historyWeights.set(h.weights, historyOffsets[i]);
    }
    seen.set(model.seen.get(u) ?? [], seenOffsets[i]);
  });
  const named: [string, Int32Array | Float32Array][] = [
    ["historyOffsets", historyOffsets],
    ["historyItems", historyItems],
    ["historyWeights", historyWeights],
    ["seenOffsets", seenOffsets],
    ["seen", seen],
    ["popularity", model.popularity],
    ["neighbourIndices", model.neighbours.indices],
    ["neighbourSims", model.neighbours.sims],
  ];
  const arrays: ArrayEntry[] = [];
  let offset = 0;
  for (const [name, array] of named) {
    arrays.push({ name, dtype: array instanceof Int32Array ? "int32" : "float32", offset, length: array.length });
    offset += array.byteLength;
  }
  const buffer = Buffer.alloc(offset);
  named.forEach(([, array], i) => Buffer.from(array.buffer, array.byteOffset, array.byteLength).copy(buffer, arrays[i]?.offset ?? 0));
  writeFileSync(path.join(dir, "state.bin"), buffer);
  const metadata: Metadata = {
    format: FORMAT,
    items: model.items,
    users,
    blend: model.blend,
    historyHalfLifeMs: model.historyHalfLifeMs ?? Infinity,
    neighboursK: model.neighbours.k,
    settings: model.settings,
    report: model.report,
    arrays,
  };
  writeMetadata(dir, JSON.parse(JSON.stringify(metadata, replacer)));
}

export async function loadRecommender(dir: string): Promise<RecommendModel> {
  const metadata = reviveInfinity(readMetadata<unknown>(dir)) as Metadata;
  if (metadata.format !== FORMAT) throw new Error(`${dir} does not hold a recommender (${String(metadata.format)})`);
  const state = readFileSync(path.join(dir, "state.bin"));
  const array = (name: string): Int32Array | Float32Array => {
    const entry = metadata.arrays.find((a) => a.name === name);
    if (!entry) throw new Error(`state.bin has no ${name}`);
    const bytes = state.buffer.slice(state.byteOffset + entry.offset, state.byteOffset + entry.offset + entry.length * 4);
    return entry.dtype === "int32" ? new Int32Array(bytes) : new Float32Array(bytes);
  };
  const historyOffsets = array("historyOffsets");
  const historyItems = array("historyItems");
  const historyWeights = array("historyWeights");
  const seenOffsets = array("seenOffsets");
  const seen = array("seen");
  const histories = new Map<string, History>();
  const seenByUser = new Map<string, Int32Array>();
  metadata.users.forEach((u, i) => {
    const [h0, h1, s0, s1] = [historyOffsets[i] ?? 0, historyOffsets[i + 1] ?? 0, seenOffsets[i] ?? 0, seenOffsets[i + 1] ?? 0];
    histories.set(u, { items: Int32Array.from(historyItems.subarray(h0, h1)), weights: Float32Array.from(historyWeights.subarray(h0, h1)) });
    seenByUser.set(u, Int32Array.from(seen.subarray(s0, s1)));
  });
  return {
    network: await loadLayersModel(dir),
    items: metadata.items,
    itemIndex: new Map(metadata.items.map((id, i) => [id, i] as const)),
    histories,
    seen: seenByUser,
    popularity: Int32Array.from(array("popularity")),
    neighbours: { k: metadata.neighboursK, indices: Int32Array.from(array("neighbourIndices")), sims: Float32Array.from(array("neighbourSims")) },
    blend: metadata.blend,
    historyHalfLifeMs: metadata.historyHalfLifeMs ?? Infinity,
    // Files written before validationMetric was a setting chose everything on Recall@10.
    settings: { ...metadata.settings, validationMetric: metadata.settings.validationMetric ?? "recall" },
    report: metadata.report,
  };
}
