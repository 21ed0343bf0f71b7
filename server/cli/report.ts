// fix.ts's imports, until it takes them from the report model (server/report/model.ts) itself.
export { preferredLocalFix, type AppliedFix } from '../report/model';
