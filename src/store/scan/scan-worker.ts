/**
 * The scan pool's worker entry (dist/scan-worker.js): only the code a scan
 * job runs (the read loop, the sources' parsers, the summarizer), so a
 * worker starts in a fraction of the time the whole CLI bundle (Ink, React)
 * takes to load. scan-pool.ts serves jobs at its top level when it runs in
 * a worker it started; importing it is all this entry does.
 */
import './scan-pool.js';
