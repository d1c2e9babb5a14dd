package dev.kling4j.cli;

import dev.kling4j.core.catalog.Category;
import dev.kling4j.core.model.BaseVideoModel;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Spec;

/**
 * Shell completion for bash and zsh, generated from the command tree: commands, their options, and the values
 * of the options that have a fixed set, read from the same tables the commands check against: {@code --model}
 * completes the model keys, and an option named after a field of the endpoint table ({@code --aspect-ratio}
 * for {@code aspect_ratio}, and so any {@code --shot-type} for {@code shot_type}) completes the values the
 * command's categories take. Request ids are completed from the journal's file names at the moment of the tab,
 * without starting Java; file options fall back to the shell's file completion.
 */
final class Completion {
    private Completion() {}

    @picocli.CommandLine.Command(
            name = "completion",
            description = {
                "Print a completion script for bash or zsh: commands, options, model keys, aspect ratios and"
                        + " the request ids in the journal complete with Tab.",
                "Load it in the current shell with the first command below; to have it in every new shell, add that"
                        + " line to ~/.bashrc (bash) or ~/.zshrc (zsh), with the path to kling if kling is not on"
                        + " your PATH (e.g. source <(~/src/kling4j/kling completion)). It completes kling, ./kling"
                        + " and any path ending in /kling."
            },
            footerHeading = "%nExamples:%n",
            footer = {"source <(kling completion)", "kling completion > ~/.kling-completion.bash"})
    static final class Command implements Callable<Integer> {
        private final CliContext ctx;

        @Spec
        CommandSpec spec;

        Command(CliContext ctx) {
            this.ctx = ctx;
        }

        @Override
        public Integer call() {
            ctx.out().print(script(spec.root().commandLine(), ctx));
            ctx.out().flush();
            return ExitCodes.OK;
        }
    }

    /**
     * The values an option completes to in a command of some categories: the values of the endpoint table's field
     * of the same name ({@code --aspect-ratio} is {@code aspect_ratio}), for the categories that take it.
     *
     * @param option the option's long name, e.g. {@code --shot-type}
     * @param categories the categories of the command
     * @return the values, in table order; empty when the option is not a field with a fixed set
     */
    static List<String> fieldValues(String option, Collection<Category> categories) {
        String field = option.replaceFirst("^--", "").replace('-', '_').toLowerCase(Locale.ROOT);
        return InputFlags.FieldValues.values(field, categories);
    }

    /** The script for a command tree. */
    static String script(CommandLine root, CliContext ctx) {
        List<String> models =
                ctx.models().all().stream().map(BaseVideoModel::key).toList();
        StringBuilder cases = new StringBuilder();
        for (Map.Entry<String, CommandLine> e : root.getSubcommands().entrySet()) {
            command(cases, e.getKey(), e.getValue(), models, root);
        }
        return TEMPLATE.replace("@COMMANDS@", words(root.getSubcommands().keySet()))
                .replace("@ROOT_OPTIONS@", words(optionNames(root.getCommandSpec())))
                .replace("@MODELS@", words(models))
                .replace("@CASES@", cases.toString());
    }

    private static void command(StringBuilder out, String name, CommandLine cl, List<String> models, CommandLine root) {
        CommandSpec spec = cl.getCommandSpec();
        Object user = spec.userObject();
        Set<Category> categories =
                user instanceof InputCommand ? ((InputCommand) user).categories() : EnumSet.noneOf(Category.class);
        StringBuilder values = new StringBuilder();
        List<String> files = new ArrayList<>();
        List<String> free = new ArrayList<>();
        for (OptionSpec o : spec.options()) {
            if (o.hidden()
                    || o.arity().max() == 0
                    || o.typeInfo().isBoolean()
                            && o.arity().max() <= 1
                            && o.arity().min() == 0) {
                continue;
            }
            List<String> names = Arrays.asList(o.names());
            List<String> choices = names.contains("--model") ? models : fieldValues(o.longestName(), categories);
            String label = o.paramLabel().toUpperCase(Locale.ROOT);
            if (!choices.isEmpty()) {
                values.append("      ")
                        .append(String.join("|", names))
                        .append(") _kling_reply \"")
                        .append(words(choices))
                        .append("\"; return 0 ;;\n");
            } else if (label.contains("FILE") || label.contains("PATH") || label.contains("URL")) {
                files.addAll(names);
            } else {
                free.addAll(names);
            }
        }
        if (!files.isEmpty()) {
            values.append("      ").append(String.join("|", files)).append(") return 0 ;;\n");
        }
        if (!free.isEmpty()) {
            values.append("      ").append(String.join("|", free)).append(") _kling_none; return 0 ;;\n");
        }
        String positional;
        if (user instanceof JobCommands.ById) {
            positional = "_kling_reply \"$(_kling_ids)\"";
        } else if (user instanceof CommandLine.HelpCommand) {
            positional = "_kling_reply \"" + words(root.getSubcommands().keySet()) + "\"";
        } else if (user instanceof InfoCommands.ModelInfo) {
            positional = "_kling_reply \"" + words(models) + "\"";
        } else if (!cl.getSubcommands().isEmpty()) {
            positional = "_kling_reply \"" + words(cl.getSubcommands().keySet()) + "\"";
        } else {
            positional = "_kling_reply \"" + words(optionNames(spec)) + "\"";
        }
        out.append("    ").append(name).append(")\n");
        if (!cl.getSubcommands().isEmpty()) {
            out.append("      if [ -n \"$sub\" ]; then\n        case \"$sub\" in\n");
            for (Map.Entry<String, CommandLine> s : cl.getSubcommands().entrySet()) {
                StringBuilder nested = new StringBuilder();
                command(nested, s.getKey(), s.getValue(), models, root);
                out.append(nested.toString().replaceAll("(?m)^", "    "));
            }
            out.append("        esac\n      fi\n");
        }
        out.append("      case \"$prev\" in\n")
                .append(values.toString().replaceAll("(?m)^      ", "        "))
                .append("      esac\n")
                .append("      case \"$cur\" in\n        -*) _kling_reply \"")
                .append(words(optionNames(spec)))
                .append("\" ;;\n        *) ")
                .append(positional)
                .append(" ;;\n      esac\n      return 0 ;;\n");
    }

    private static List<String> optionNames(CommandSpec spec) {
        List<String> names = new ArrayList<>();
        for (OptionSpec o : spec.options()) {
            if (!o.hidden()) {
                names.add(o.longestName());
            }
        }
        return names;
    }

    private static String words(Collection<String> words) {
        return String.join(" ", words);
    }

    /**
     * The script. It reads the line up to the cursor itself: bash splits {@code 16:9} into three words at the
     * colon, so the word being completed is taken from {@code COMP_LINE} and the part before its last colon is
     * taken off the candidates (as bash-completion's {@code __ltrim_colon_completions} does). In zsh,
     * {@code bashcompinit} runs the same function.
     */
    private static final String TEMPLATE = String.join(
            "\n",
            "# kling completion for bash and zsh. Load it with: source <(kling completion)",
            "if [ -n \"${ZSH_VERSION:-}\" ]; then",
            "  autoload -U +X compinit && compinit -u",
            "  autoload -U +X bashcompinit && bashcompinit",
            "fi",
            "",
            "# The request ids of the journal ($KLING_HOME/jobs, default ~/.kling/jobs): one <id>.json file each.",
            "_kling_ids() {",
            "  local f",
            "  for f in \"${KLING_HOME:-$HOME/.kling}\"/jobs/*.json; do",
            "    [ -e \"$f\" ] || continue",
            "    f=\"${f##*/}\"",
            "    printf '%s\\n' \"${f%.json}\"",
            "  done",
            "}",
            "",
            "# Offers the words that start with the current one.",
            "_kling_reply() {",
            "  local w",
            "  if [ -n \"${ZSH_VERSION:-}\" ]; then setopt localoptions shwordsplit; fi",
            "  COMPREPLY=()",
            "  for w in $1; do",
            "    case \"$w\" in",
            "      \"$cur\"*) COMPREPLY+=(\"${w#\"$trim\"}\") ;;",
            "    esac",
            "  done",
            "}",
            "",
            "# A value with nothing to offer (a prompt, a number): no file names either.",
            "_kling_none() {",
            "  COMPREPLY=()",
            "  if [ -z \"${ZSH_VERSION:-}\" ]; then compopt +o default 2>/dev/null; fi",
            "}",
            "",
            "_kling() {",
            "  COMPREPLY=()",
            "  local line=\"${COMP_LINE:0:$COMP_POINT}\"",
            "  local cur=\"${line##*[[:space:]]}\"",
            "  local before=\"${line%\"$cur\"}\"",
            "  before=\"${before%\"${before##*[![:space:]]}\"}\"",
            "  local prev=\"${before##*[[:space:]]}\"",
            "  local trim=\"\"",
            "  case \"${COMP_WORDBREAKS:-}\" in",
            "    *:*) case \"$cur\" in *:*) trim=\"${cur%\"${cur##*:}\"}\" ;; esac ;;",
            "  esac",
            "  local -a toks",
            "  if [ -n \"${ZSH_VERSION:-}\" ]; then read -r -A toks <<< \"$before\"; else read -r -a toks <<< \"$before\"; fi",
            "  local cmd=\"\" sub=\"\" t skip=1",
            "  for t in \"${toks[@]}\"; do",
            "    if [ \"$skip\" = 1 ]; then skip=0; continue; fi",
            "    case \"$t\" in",
            "      -*) ;;",
            "      *) if [ -z \"$cmd\" ]; then cmd=\"$t\"; elif [ -z \"$sub\" ]; then sub=\"$t\"; fi ;;",
            "    esac",
            "  done",
            "  if [ -z \"$cmd\" ]; then",
            "    case \"$cur\" in",
            "      -*) _kling_reply \"@ROOT_OPTIONS@\" ;;",
            "      *) _kling_reply \"@COMMANDS@\" ;;",
            "    esac",
            "    return 0",
            "  fi",
            "  case \"$cmd\" in",
            "@CASES@  esac",
            "}",
            "complete -o bashdefault -o default -F _kling kling",
            "");
}
