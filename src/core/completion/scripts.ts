/**
 * The completion scripts `jumpctl completion <shell> [--ssh]` prints. Each asks
 * `jumpctl __complete` for the candidates (complete.ts), so what the shell offers is exactly what
 * jumpctl accepts; the scripts only hand the words over and obey the two directives (:files
 * also offers file names, :nospace adds no space after the candidate).
 */
export type Shell = 'bash' | 'zsh' | 'fish';

/** The tools `--ssh` completes host aliases for. */
const SSH_TOOLS = 'ssh scp sftp rsync';

// bash: the words are taken from COMP_LINE up to the cursor, not COMP_WORDS, which bash splits
// at ':' and '=' too (COMP_WORDBREAKS); the reply is then cut back to what bash will replace.
const BASH = String.raw`# jumpctl completion for bash (jumpctl completion bash)
_jumpctl_words() {
  local line=${'$'}{COMP_LINE:0:COMP_POINT}
  read -r -a _jumpctl_w <<< "$line"
  if [[ ${'$'}{#_jumpctl_w[@]} -eq 0 || $line == *[[:space:]] ]]; then _jumpctl_w+=(""); fi
}
_jumpctl_reply() {
  local IFS=$'\n' c files= nospace= wb strip
  local cur=${'$'}{_jumpctl_w[${'$'}{#_jumpctl_w[@]}-1]}
  COMPREPLY=()
  for c in $("$@" 2>/dev/null); do
    case $c in
      :files) files=1 ;;
      :nospace) nospace=1 ;;
      *) COMPREPLY+=("$c") ;;
    esac
  done
  if [[ -n $files ]]; then
    COMPREPLY+=($(compgen -f -- "$cur"))
    compopt -o filenames 2>/dev/null
  fi
  if [[ -n $nospace ]]; then compopt -o nospace 2>/dev/null; fi
  for wb in : =; do
    if [[ $COMP_WORDBREAKS == *"$wb"* && $cur == *"$wb"* ]]; then
      strip=${'$'}{cur%"${'$'}{cur##*"$wb"}"}
      COMPREPLY=("${'$'}{COMPREPLY[@]#"$strip"}")
    fi
  done
}
_jumpctl() { _jumpctl_words; _jumpctl_reply jumpctl __complete -- "${'$'}{_jumpctl_w[@]:1}"; }
complete -F _jumpctl jumpctl
`;

const BASH_SSH = String.raw`# host aliases for ${SSH_TOOLS}, from jumpctl (jumpctl completion bash --ssh)
_jumpctl_ssh() { _jumpctl_words; _jumpctl_reply jumpctl __complete --ssh "${'$'}{_jumpctl_w[0]##*/}" -- "${'$'}{_jumpctl_w[@]:1}"; }
complete -F _jumpctl_ssh ${SSH_TOOLS}
`;

const ZSH = String.raw`# jumpctl completion for zsh (jumpctl completion zsh); needs compinit
_jumpctl_reply() {
  local -a out cands
  local c files=0 nospace=0
  out=("${'$'}{(@f)$("$@" 2>/dev/null)}")
  for c in "${'$'}{out[@]}"; do
    case $c in
      (:files) files=1 ;;
      (:nospace) nospace=1 ;;
      ('') ;;
      (*) cands+=("$c") ;;
    esac
  done
  if (( nospace )); then compadd -Q -S '' -- "${'$'}{cands[@]}"; else compadd -Q -- "${'$'}{cands[@]}"; fi
  if (( files )); then _files; fi
  return 0
}
_jumpctl() { _jumpctl_reply jumpctl __complete -- "${'$'}{(@)words[2,CURRENT]}"; }
compdef _jumpctl jumpctl
`;

const ZSH_SSH = String.raw`# host aliases for ${SSH_TOOLS}, from jumpctl (jumpctl completion zsh --ssh)
_jumpctl_ssh() { _jumpctl_reply jumpctl __complete --ssh "${'$'}{words[1]:t}" -- "${'$'}{(@)words[2,CURRENT]}"; }
compdef _jumpctl_ssh ${SSH_TOOLS}
`;

// fish decides spacing itself (no space after a candidate ending in ':').
const FISH = String.raw`# jumpctl completion for fish (jumpctl completion fish)
function __jumpctl_reply
    for c in ($argv 2>/dev/null)
        switch $c
            case ':files'
                __fish_complete_path (commandline -ct)
            case ':nospace'
            case '*'
                printf '%s\n' $c
        end
    end
end
function __jumpctl_words
    set -l w (commandline -opc)
    set -e w[1]
    printf '%s\n' $w (commandline -ct)
end
complete -c jumpctl -f -a '(__jumpctl_reply jumpctl __complete -- (__jumpctl_words))'
`;

const fishSsh = (): string =>
  [
    `# host aliases for ${SSH_TOOLS}, from jumpctl (jumpctl completion fish --ssh)`,
    ...SSH_TOOLS.split(' ').flatMap((tool) => [
      `complete -c ${tool} -e`,
      `complete -c ${tool} -f -a '(__jumpctl_reply jumpctl __complete --ssh ${tool} -- (__jumpctl_words))'`,
    ]),
    '',
  ].join('\n');

export function completionScript(shell: Shell, ssh: boolean): string {
  if (shell === 'bash') return BASH + (ssh ? BASH_SSH : '');
  if (shell === 'zsh') return ZSH + (ssh ? ZSH_SSH : '');
  return FISH + (ssh ? fishSsh() : '');
}
