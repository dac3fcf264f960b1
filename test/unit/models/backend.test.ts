import { describe, expect, it } from "vitest";
import { chooseBackend, type BackendName } from "@/models/backend";

function loaderWith(available: BackendName[]) {
  const calls: BackendName[] = [];
  return {
    calls,
    loader: async (name: BackendName) => {
      calls.push(name);
      if (!available.includes(name)) throw new Error(`Cannot find module '${name}'`);
    },
  };
}

describe("backend choice", () => {
  it("tries GPU, then native CPU, then wasm, then cpu, and says why", async () => {
    const { calls, loader } = loaderWith(["wasm", "cpu"]);
    const choice = await chooseBackend({ loader });
    expect(calls).toEqual(["tensorflow-gpu", "tensorflow", "wasm"]);
    expect(choice.name).toBe("wasm");
    expect(choice.reason).toContain("tensorflow-gpu unavailable (package not installed)");
  });

  it("takes the GPU when it loads", async () => {
    const { calls, loader } = loaderWith(["tensorflow-gpu", "tensorflow", "wasm", "cpu"]);
    expect((await chooseBackend({ loader })).name).toBe("tensorflow-gpu");
    expect(calls).toEqual(["tensorflow-gpu"]);
  });

  it("falls through to the pure JS cpu backend", async () => {
    const { loader } = loaderWith(["cpu"]);
    expect((await chooseBackend({ loader })).name).toBe("cpu");
  });

  it("honours a forced backend and fails loudly when it cannot load", async () => {
    const { calls, loader } = loaderWith(["cpu", "wasm"]);
    expect(await chooseBackend({ loader, force: "cpu" })).toMatchObject({ name: "cpu", reason: "forced by TFJS_BACKEND=cpu" });
    expect(calls).toEqual(["cpu"]);
    await expect(chooseBackend({ loader, force: "tensorflow" })).rejects.toThrow(/No TensorFlow.js backend/);
  });

  it("really starts on this machine with the real loaders (wasm here, where libtensorflow is absent)", async () => {
    const choice = await chooseBackend();
    expect(["tensorflow-gpu", "tensorflow", "wasm"]).toContain(choice.name);
  });
});
