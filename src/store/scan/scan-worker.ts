/**
 * The scan pool's worker entry (dist/scan-worker.js): only the code a scan
 * job runs (the read loop, the sources' parsers, the summarizer), so a
 * worker starts in a fraction of the time the whole CLI bundle (Ink, React)
 * takes to load. pool-serve.ts serves jobs at its top level when it runs in
 * a scan worker; importing it is all this entry does.
 */
import './pool-serve.js';
