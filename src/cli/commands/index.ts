import type { CliCommand } from '../io';
import { demoCommand } from './demo';
import { diagnoseCommand } from './diagnose';
import { explainCommand } from './explain';
import { profilesCommand } from './profiles';
import { rotateCommand } from './rotate';
import { simCommand } from './sim';
import { ssoCommand } from './sso';
import { tokenCommand } from './token';
import { uiCommand } from './ui';

/** Every `mdb-doctor` subcommand, one entry each, in the order `--help` lists them. */
export const commands: readonly CliCommand[] = [
  profilesCommand,
  diagnoseCommand,
  explainCommand,
  rotateCommand,
  tokenCommand,
  ssoCommand,
  uiCommand,
  demoCommand,
  simCommand,
];
