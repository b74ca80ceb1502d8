// The phone's position from navigator.geolocation, kept up to date while the page is open and
// shown with its accuracy; a denied permission is said plainly (no report without a position).
import { t } from "./strings";

export interface Fix {
  lat: number;
  lon: number;
  accuracy: number;
}

export class PositionWatch {
  private fix: Fix | null = null;
  private denied = false;

  constructor(
    private readonly display: HTMLElement | null,
    private readonly onChange: (fix: Fix | null) => void = () => {},
  ) {}

  get current(): Fix | null {
    return this.fix;
  }

  start(): void {
    if (!("geolocation" in navigator)) {
      this.show(t("Mobile_PositionUnavailable", { reason: "no GPS" }), "error");
      return;
    }
    this.show(t("Mobile_Locating"), "pending");
    navigator.geolocation.watchPosition(
      (p) => {
        this.fix = { lat: p.coords.latitude, lon: p.coords.longitude, accuracy: p.coords.accuracy };
        this.show(
          t("Mobile_PositionAccuracy", {
            lat: this.fix.lat.toFixed(6),
            lon: this.fix.lon.toFixed(6),
            accuracy: Math.round(this.fix.accuracy),
          }),
          "ok",
        );
        this.onChange(this.fix);
      },
      (error) => {
        if (error.code === error.PERMISSION_DENIED) {
          this.denied = true;
          this.fix = null;
          this.show(t("Mobile_PositionDenied"), "error");
          this.onChange(null);
        } else if (!this.denied && this.fix === null) {
          this.show(t("Mobile_PositionUnavailable", { reason: error.message || String(error.code) }), "pending");
        }
      },
      { enableHighAccuracy: true, maximumAge: 10_000, timeout: 20_000 },
    );
  }

  private show(text: string, state: "pending" | "ok" | "error"): void {
    if (!this.display) return;
    this.display.textContent = text;
    this.display.dataset.state = state;
  }
}
