// One of the two files of the worker-isolation check (see tests/fixtures/isolation.ts).
import { describeWorkerIsolation } from "../fixtures/isolation";

describeWorkerIsolation();
