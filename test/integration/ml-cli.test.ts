/**
 * The bring-your-own-data CLI on slices of the real data sets in ../shared/datasets: each task fits on a train file
 * and writes predictions in its contract's columns, and a malformed file fails with a clear message by line.
 */
import { execFile } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { parseCsvText } from "@/models/io/csv";
import { averagePrecision, rocAuc } from "@/models/metrics/classification";

const run = promisify(execFile);
const shared = path.resolve(process.cwd(), "../shared/datasets");
const dir = mkdtempSync(path.join(os.tmpdir(), "ml-cli-"));

function csv(name: string, header: string[], rows: (string | number)[][]): string {
  const file = path.join(dir, name);
  const cell = (v: string | number) => (/[",\n]/.test(String(v)) ? `"${String(v).replace(/"/g, '""')}"` : String(v));
  writeFileSync(file, [header, ...rows].map((r) => r.map(cell).join(",")).join("\n") + "\n");
  return file;
}

async function fitPredict(task: string, train: string, test: string) {
  const out = path.join(dir, `${task}-predictions.csv`);
  const { stderr } = await run("npx", ["tsx", "models/cli.ts", "fit-predict", task, "--train", train, "--test", test, "--out", out], { maxBuffer: 1 << 24 });
  return { rows: parseCsvText(readFileSync(out, "utf8")), stderr };
}

function sharedCsv(file: string) {
  return parseCsvText(readFileSync(path.join(shared, file), "utf8")).records.map((r) => r.values);
}

describe("npm run ml -- fit-predict", () => {
  it("forecast: quantiles for the last 13 weeks of five Walmart stores", async () => {
    const rows = sharedCsv("forecasting/walmart_weekly_sales.csv").filter((r) => Number(r.Store) <= 5);
    const iso = (d: string) => `20${d.slice(6, 8)}-${d.slice(3, 5)}-${d.slice(0, 2)}`;
    const dates = [...new Set(rows.map((r) => iso(r.Date!)))].sort();
    const cut = dates[dates.length - 13]!;
    const train = csv("f-train.csv", ["series_id", "date", "value", "holiday"], rows.filter((r) => iso(r.Date!) < cut).map((r) => [r.Store!, iso(r.Date!), r.Weekly_Sales!, r.Holiday_Flag!]));
    const held = rows.filter((r) => iso(r.Date!) >= cut);
    const test = csv("f-test.csv", ["series_id", "date", "holiday"], held.map((r) => [r.Store!, iso(r.Date!), r.Holiday_Flag!]));
    const { rows: out } = await fitPredict("forecast", train, test);
    expect(out.columns).toEqual(["series_id", "date", "p10", "p50", "p90"]);
    expect(out.records).toHaveLength(held.length);
    const actual = new Map(held.map((r) => [`${r.Store}|${iso(r.Date!)}`, Number(r.Weekly_Sales)]));
    let inside = 0;
    for (const { values: p } of out.records) {
      expect(Number(p.p10)).toBeLessThanOrEqual(Number(p.p50));
      expect(Number(p.p50)).toBeLessThanOrEqual(Number(p.p90));
      const a = actual.get(`${p.series_id}|${p.date}`)!;
      if (a >= Number(p.p10) && a <= Number(p.p90)) inside++;
    }
    expect(inside / out.records.length).toBeGreaterThan(0.5);
  }, 240_000);

  it("fraud: scores that rank the credit-card frauds first", async () => {
    const rows = sharedCsv("fraud/creditcard_sample.csv");
    const features = ["Time", ...Array.from({ length: 28 }, (_, i) => `V${i + 1}`), "Amount"];
    // Every 4th row is held out: a stratified-enough slice of both classes.
    const train = rows.filter((_, i) => i % 4 !== 0);
    const held = rows.filter((_, i) => i % 4 === 0);
    const trainFile = csv("fr-train.csv", ["id", ...features, "label"], train.map((r, i) => [`t${i}`, ...features.map((f) => r[f]!), r.Class!]));
    const testFile = csv("fr-test.csv", ["id", ...features], held.map((r, i) => [`h${i}`, ...features.map((f) => r[f]!)]));
    const { rows: out } = await fitPredict("fraud", trainFile, testFile);
    expect(out.columns).toEqual(["id", "score"]);
    const score = new Map(out.records.map((r) => [r.values.id!, Number(r.values.score)]));
    const labels = held.map((r) => Number(r.Class));
    const scores = held.map((_, i) => score.get(`h${i}`)!);
    expect(scores.every((s) => s >= 0 && s <= 1)).toBe(true);
    expect(rocAuc(labels, scores)).toBeGreaterThan(0.9);
    expect(averagePrecision(labels, scores)).toBeGreaterThan(0.8);
  }, 240_000);

  it("sentiment: probabilities of positive for held-out review sentences", async () => {
    const lines = readFileSync(path.join(shared, "sentiment/amazon_cells_labelled.txt"), "utf8").split("\n").filter(Boolean);
    const rows = lines.map((l, i) => ({ id: `s${i}`, text: l.slice(0, l.lastIndexOf("\t")), label: Number(l.slice(l.lastIndexOf("\t") + 1)) }));
    const train = rows.filter((_, i) => i % 5 !== 0);
    const held = rows.filter((_, i) => i % 5 === 0);
    const trainFile = csv("s-train.csv", ["id", "text", "label"], train.map((r) => [r.id, r.text, r.label]));
    const testFile = csv("s-test.csv", ["id", "text"], held.map((r) => [r.id, r.text]));
    const { rows: out } = await fitPredict("sentiment", trainFile, testFile);
    expect(out.columns).toEqual(["id", "score"]);
    const score = new Map(out.records.map((r) => [r.values.id!, Number(r.values.score)]));
    const right = held.filter((r) => (score.get(r.id)! >= 0.5 ? 1 : 0) === r.label).length;
    expect(right / held.length).toBeGreaterThan(0.7);
  }, 240_000);

  it("recommend: ten new items per user from Online Retail purchases", async () => {
    const rows = sharedCsv("recommendation/online_retail_sample.csv").filter((r) => r.CustomerID !== "NA" && Number(r.Quantity) > 0);
    const trainRows = rows.map((r) => [r.CustomerID!, r.StockCode!, r.InvoiceDate!.replace(" ", "T")]);
    const users = [...new Set(rows.map((r) => r.CustomerID!))].slice(0, 50);
    const { rows: out } = await fitPredict("recommend", csv("r-train.csv", ["user_id", "item_id", "timestamp"], trainRows), csv("r-test.csv", ["user_id"], users.map((u) => [u])));
    expect(out.columns).toEqual(["user_id", "item_id", "rank"]);
    const seen = new Set(trainRows.map(([u, i]) => `${u}|${i}`));
    for (const user of users) {
      const mine = out.records.filter((r) => r.values.user_id === user);
      expect(mine.map((r) => Number(r.values.rank))).toEqual(Array.from({ length: mine.length }, (_, k) => k + 1));
      expect(mine.length).toBeLessThanOrEqual(10);
      expect(mine.some((r) => seen.has(`${user}|${r.values.item_id}`))).toBe(false);
    }
    expect(out.records.length).toBeGreaterThan(users.length * 5);
  }, 240_000);

  it("pricing: units at the given prices for each product's last three months", async () => {
    const rows = sharedCsv("pricing/retail_price.csv");
    const iso = (d: string) => `${d.slice(6, 10)}-${d.slice(3, 5)}-${d.slice(0, 2)}`;
    const last = new Map<string, string>();
    for (const r of rows) if (iso(r.month_year!) > (last.get(r.product_id!) ?? "")) last.set(r.product_id!, iso(r.month_year!));
    const isHeld = (r: Record<string, string>) => iso(r.month_year!) > new Date(Date.parse(`${last.get(r.product_id!)}T00:00:00Z`) - 80 * 86_400_000).toISOString().slice(0, 10);
    const cols = ["comp_1", "comp_2", "comp_3"];
    const trainFile = csv("p-train.csv", ["product_id", "date", "price", "units", ...cols], rows.filter((r) => !isHeld(r)).map((r) => [r.product_id!, iso(r.month_year!), r.unit_price!, r.qty!, ...cols.map((c) => r[c]!)]));
    const held = rows.filter(isHeld);
    const testFile = csv("p-test.csv", ["product_id", "date", "price", ...cols], held.map((r) => [r.product_id!, iso(r.month_year!), r.unit_price!, ...cols.map((c) => r[c]!)]));
    const { rows: out } = await fitPredict("pricing", trainFile, testFile);
    expect(out.columns).toEqual(["product_id", "date", "units"]);
    expect(out.records).toHaveLength(held.length);
    expect(out.records.every((r) => Number(r.values.units) >= 0)).toBe(true);
  }, 240_000);

  it("fails with the file, line and column of a malformed value, and writes nothing", async () => {
    const train = csv("bad-train.csv", ["id", "text", "label"], [["a", "great phone", "1"], ["b", "awful", "maybe"]]);
    const test = csv("bad-test.csv", ["id", "text"], [["c", "fine"]]);
    const out = path.join(dir, "never.csv");
    const failure = await run("npx", ["tsx", "models/cli.ts", "fit-predict", "sentiment", "--train", train, "--test", test, "--out", out]).catch((e: { code: number; stderr: string }) => e);
    expect(failure).toMatchObject({ code: 2 });
    expect((failure as { stderr: string }).stderr).toMatch(/bad-train\.csv, line 3.*label/);
    expect(() => readFileSync(out)).toThrow();
  }, 60_000);
});
