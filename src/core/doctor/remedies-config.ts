/** Remedies for E_CONFIG: ssh refused the configuration, a name, or a ProxyCommand. */
import type { Evidence, HopRef, Text } from './evidence.js';

export function configText(e: Evidence, hop: HopRef): Text {
  const g = e.groups;
  switch (e.sig.kind) {
    case 'bad-option':
      return {
        message: `${g[1]}:${g[2]}: Bad configuration option: ${g[3]}`,
        fix: `Fix or remove line ${g[2]} of ${g[1]} (a typo, or an option this ssh is too old for)`,
      };
    case 'bad-perms':
      return {
        message: `ssh refuses ${g[1]}: others can write it, or it belongs to someone else`,
        fix: `chmod 600 '${g[1]}' and make sure you own it`,
      };
    case 'old-client':
      return {
        message: 'this ssh does not know -J: ProxyJump needs OpenSSH 7.3 or later',
        fix: 'Upgrade OpenSSH, or use `ProxyCommand ssh -W %h:%p <jump>` for the jump',
      };
    case 'bad-name':
      return {
        message: `ssh refuses a ${g[1]} with shell metacharacters for ${hop.alias}`,
        fix: `Fix the HostName/User of ${hop.alias} (jumpctl show ${hop.alias})`,
      };
    case 'remote-command':
      return {
        message: `RemoteCommand in the config of ${hop.alias} conflicts with a command`,
        fix: `Use \`RemoteCommand none\` for ${hop.alias}, or keep RemoteCommand only in a separate alias`,
      };
    case 'proxy-command':
      return {
        message: `the ProxyCommand in front of ${hop.alias} could not run: ${g[1]} not found`,
        fix: `Install ${g[1]} or fix the ProxyCommand; a jump is better written as \`ProxyJump <jump>\``,
      };
    default:
      return {
        message: `ssh refuses the configuration: ${e.line}`,
        fix: 'Fix the file and line named above',
      };
  }
}
