// Real servers (and a real browser) on a shared 2-core machine: a test that answers 81 items for two suppliers
// takes seconds when the machine is busy. A bound against hangs, not a measurement (benchmarks live in bench/).
jest.setTimeout(60_000);
