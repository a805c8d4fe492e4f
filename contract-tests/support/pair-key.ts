/** How a documented (operationId, status) pair is written in the run state and the coverage report. */
export const pairKey = (operationId: string, status: number | string) => `${operationId} ${status}`;
