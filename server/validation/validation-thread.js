// Entry of the validation worker: the TypeScript sources run through tsx, as in the main thread.
import { register } from 'tsx/esm/api';

register();
await import('./validation-thread.ts');
