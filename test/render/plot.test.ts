/** The size plot: counts from the explorer, placed on a log scale, lower bounds drawn hollow. */
import { describe, expect, it } from "vitest";
import { linePlotSvg } from "../../src/render/line-plot.js";
import { stateSpaceSizes } from "../../src/render/state-space-sizes.js";
import { descendants, parseXml } from "./xml.js";

describe("the state-space size plot", () => {
  it("counts the same states for the same total money however it is spread (155 for 1,1)", () => {
    const plot = stateSpaceSizes({ processes: [2], maxMoney: 2, channels: "fifo", maxStates: 10_000 });
    expect(plot.series).toEqual([
      {
        name: "2 processes",
        points: [
          { x: 1, y: expect.any(Number), atLeast: false },
          { x: 2, y: 155, atLeast: false },
        ],
      },
    ]);
  });

  it("ends a line at the first count a limit cut short, marked as a lower bound", () => {
    const plot = stateSpaceSizes({ processes: [3], maxMoney: 5, channels: "fifo", maxStates: 3000 });
    expect(plot.series[0]?.points).toEqual([
      { x: 1, y: 2154, atLeast: false },
      { x: 2, y: 3000, atLeast: true },
    ]);
  });

  it("places larger counts higher on a log scale and draws lower bounds hollow", () => {
    const svg = parseXml(
      linePlotSvg({
        title: "t",
        xLabel: "x",
        yLabel: "y",
        note: "n",
        series: [
          {
            name: "a",
            points: [
              { x: 1, y: 10, atLeast: false },
              { x: 2, y: 1000, atLeast: false },
              { x: 3, y: 100_000, atLeast: true },
            ],
          },
        ],
      }),
    );
    const dots = descendants(svg).filter((e) => e.name === "circle");
    const ys = dots.map((d) => Number(d.attrs.cy));
    expect(ys[0]).toBeGreaterThan(ys[1] as number);
    // Equal factors, equal distances: that is a log scale.
    expect((ys[0] as number) - (ys[1] as number)).toBeCloseTo((ys[1] as number) - (ys[2] as number), 5);
    expect(dots.map((d) => d.attrs.fill)).toEqual(["#1f4e9c", "#1f4e9c", "white"]);
    expect(descendants(svg).some((e) => e.name === "text" && e.text === "≥ 100,000")).toBe(true);
  });
});
