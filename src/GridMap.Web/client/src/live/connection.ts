// The console's connection to /hubs/live (@microsoft/signalr, JSON protocol, the session cookie).
// It reconnects for as long as the page is open; every new connection gets a fresh snapshot
// from the server, and is told the current viewport again.
import { HubConnectionBuilder, HubConnectionState, LogLevel, type HubConnection } from "@microsoft/signalr";
import type { AlertMessage, CaseMessage, PositionMessage, StateMessage } from "./messages";

export type ConnectionStatus = "connecting" | "live" | "lost";

export interface LiveHandlers {
  positions(batch: PositionMessage[]): void;
  alerts(batch: AlertMessage[]): void;
  states(batch: StateMessage[]): void;
  /** Cases reported or changed in the console's scope (client/src/cases). */
  cases?(batch: CaseMessage[]): void;
  status(status: ConnectionStatus): void;
}

export type Viewport = [minLon: number, minLat: number, maxLon: number, maxLat: number];

const MAX_RETRY_MS = 30_000;

export class LiveConnection {
  private readonly connection: HubConnection;
  private viewport: Viewport | null = null;
  private stopped = false;

  constructor(url: string, private readonly handlers: LiveHandlers) {
    this.connection = new HubConnectionBuilder()
      .withUrl(url)
      // The default policy gives up after four tries; a command-centre screen must not.
      .withAutomaticReconnect({ nextRetryDelayInMilliseconds: (ctx) => retryDelay(ctx.previousRetryCount) })
      .configureLogging(LogLevel.Warning)
      .build();
    this.connection.on("positions", (batch: PositionMessage[]) => handlers.positions(batch));
    this.connection.on("alerts", (batch: AlertMessage[]) => handlers.alerts(batch));
    this.connection.on("states", (batch: StateMessage[]) => handlers.states(batch));
    this.connection.on("cases", (batch: CaseMessage[]) => handlers.cases?.(batch));
    this.connection.onreconnecting(() => handlers.status("lost"));
    this.connection.onreconnected(() => {
      handlers.status("live");
      void this.sendViewport();
    });
    this.connection.onclose(() => {
      if (!this.stopped) {
        handlers.status("lost");
        void this.startWithRetry(1);
      }
    });
  }

  get state(): HubConnectionState {
    return this.connection.state;
  }

  start(): Promise<void> {
    return this.startWithRetry(0);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    await this.connection.stop();
  }

  setViewport(viewport: Viewport): void {
    this.viewport = viewport;
    void this.sendViewport();
  }

  private async startWithRetry(attempt: number): Promise<void> {
    while (!this.stopped) {
      this.handlers.status(attempt === 0 ? "connecting" : "lost");
      try {
        await this.connection.start();
        this.handlers.status("live");
        await this.sendViewport();
        return;
      } catch (error) {
        console.warn("live: could not connect", error);
        await new Promise((r) => setTimeout(r, retryDelay(attempt++)));
      }
    }
  }

  private async sendViewport(): Promise<void> {
    if (!this.viewport || this.connection.state !== HubConnectionState.Connected) return;
    try {
      await this.connection.invoke("SetViewport", ...this.viewport);
    } catch (error) {
      console.warn("live: SetViewport failed", error);
    }
  }
}

function retryDelay(previous: number): number {
  return Math.min(MAX_RETRY_MS, 1000 * 2 ** Math.min(previous, 5));
}
