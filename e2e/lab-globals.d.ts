// Types of the demo site's `window.lab` helpers (e2e/world/site/lab.js), used inside page.evaluate.
interface LabResult {
  via: string;
  url: string;
  status: number;
  text: string;
  headers?: Record<string, string>;
  error?: string;
}

interface LabOptions {
  query?: Record<string, string | number | null | undefined>;
  method?: string;
  contentType?: string;
  host?: string;
  /** fetchEdge only: how the page reads the response body (default text()). */
  read?: 'text' | 'json' | 'arrayBuffer' | 'blob' | 'stream' | 'none';
}

interface Lab {
  datastreamId: string;
  edgeHost: string;
  interactBody(name?: string): string;
  edgeUrl(path: string, query?: LabOptions['query'], host?: string): string;

  fetchEdge(path: string, body: string, options?: LabOptions): Promise<LabResult>;
  xhrEdge(path: string, body: string, options?: LabOptions): Promise<LabResult>;
  beaconEdge(path: string, body: string, asBlob?: boolean, options?: LabOptions): boolean;
  burst(
    n: number,
    intervalMs?: number,
    options?: { path?: string; query?: LabOptions['query'] },
  ): Promise<string[]>;
}

interface Window {
  lab: Lab;
}
