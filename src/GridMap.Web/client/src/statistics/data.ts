// The statistics the page embeds (#statistics-data), written by Statistics.razor.

export interface StageCounts {
  pending: number;
  inProgress: number;
  closed: number;
  cancelled: number;
  parked: number;
}

export interface GroupData {
  key: string;
  label: string;
  score: number | null;
  onTimeClosureRate: number | null;
  stages: StageCounts;
}

export interface TrendPoint {
  start: string;
  /** null: the day (or week) has not begun yet in a running period. */
  filed: number | null;
  closed: number | null;
}

export interface StatisticsData {
  lang: "zh" | "en";
  by: string;
  groups: GroupData[];
  series: { interval: "day" | "week"; points: TrendPoint[] };
  text: Record<
    | "onTime" | "score" | "rankTitle" | "stagesTitle" | "trendTitle" | "pending" | "inProgress" | "closed"
    | "cancelled" | "parked" | "filed" | "closedSeries" | "noData",
    string
  >;
}

export function readData(): StatisticsData | null {
  const element = document.getElementById("statistics-data");
  if (!element?.textContent) return null;
  return JSON.parse(element.textContent) as StatisticsData | null;
}
