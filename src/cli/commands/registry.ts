/** Commands added by later stages (check, loan, sensitivity, compare) register here. */
import type { Command } from 'commander';
import type { Io } from '../io';

export type CommandInstaller = (program: Command, io: Io, setCode: (c: number) => void) => void;
export const extraCommands: CommandInstaller[] = [];
