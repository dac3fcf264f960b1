// The model tasks and the registry's rows, for app/ and components/ (which do not import db/).
export { modelTasks, type Job, type ModelTask, type ModelVersion } from "@/lib/schema";
