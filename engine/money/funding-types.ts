/**
 * The definition language's tariff, grant and payment unions, as the money module reads them: the types
 * generated from `schema/definition.schema.json` (tagged unions on `kind`).
 */
import type { Measure } from '../definition/index.ts';

export type {
  DeclaredTariff,
  FlatTariff,
  Grant,
  Money as MoneyText,
  Payment,
  PerActTariff,
  ProrataTariff,
  SumTariff,
  Tariff,
} from '../definition/index.ts';

/** How a measure kind names its acts (`measures.<id>.acts`), for the French breakdown. */
export type ActLabels = NonNullable<Measure['acts']>;
