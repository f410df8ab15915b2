/** `npm run bench`: snapcheck's benchmarks, one module each; add a new one below. */
import { simulateBench } from "./simulate-bench.js";

simulateBench();
