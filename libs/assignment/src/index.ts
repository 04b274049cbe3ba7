export * from './assignment.module';
export * from './assignment.manager';
export * from './role.manager';
export * from './assignment.options';
export { ASSIGNMENT_DRIVERS, createAssignmentDrivers, type AssignmentDrivers } from './assignment-drivers';
export type { Assignment, AssignmentFilter } from './effective/assignment.types';
export { renderRole } from './http/render';
