export * from "./forecast";
export * from "./classification";
export * from "./ranking";
export * from "./drift";
