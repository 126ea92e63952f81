use anyhow::{Result, bail};
use clap::Parser;
use qkv_tutor::app::App;
use qkv_tutor::cli::{Cli, Command, ScenarioArgs, WalkArgs};
use qkv_tutor::engine::Attention;
use qkv_tutor::lesson::Lesson;
use qkv_tutor::scenario::{self, Scenario};
use qkv_tutor::terminal;
use qkv_tutor::theme::Theme;
use qkv_tutor::walk;
use std::io::Write;
use std::process::ExitCode;

fn main() -> ExitCode {
    let cli = Cli::parse();
    match run(cli) {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("qkv-tutor: {error:#}");
            ExitCode::from(2)
        }
    }
}

fn run(cli: Cli) -> Result<()> {
    match cli.command {
        Some(Command::Walk(args)) => print_walk(&cli.scenario, &args),
        Some(Command::Check { file }) => check(&file),
        None => interactive(&cli.scenario),
    }
}

fn interactive(args: &ScenarioArgs) -> Result<()> {
    use std::io::IsTerminal;
    let scenario = load_scenario(args)?;
    if !std::io::stdout().is_terminal() || !std::io::stdin().is_terminal() {
        bail!("the interactive tutor needs a terminal; for plain text run `qkv-tutor walk`");
    }
    let mut app = App::new(scenario, Lesson::embedded(), Theme::from_env())?;
    let status = terminal::run(&mut app)?;
    if status != 0 {
        std::process::exit(i32::from(status));
    }
    Ok(())
}

fn load_scenario(args: &ScenarioArgs) -> Result<Scenario> {
    let mut scenario = match &args.scenario {
        Some(path) => scenario::load(path)?,
        None => Scenario::lesson(),
    };
    scenario.input.scale |= args.scale;
    scenario.input.causal |= args.causal;
    Ok(scenario)
}

fn print_walk(scenario_args: &ScenarioArgs, args: &WalkArgs) -> Result<()> {
    let scenario = load_scenario(scenario_args)?;
    let tokens = scenario.input.x.nrows();
    let query = match args.query {
        Some(n) if n == 0 || n > tokens => {
            bail!("--query {n} is out of range: tokens are counted from 1 and there are {tokens}")
        }
        Some(n) => n - 1,
        None => scenario.query_index(),
    };
    let attention = Attention::compute(scenario.input)?;
    let text = if let Some(count) = args.heads {
        walk::lab::heads(&attention, query, count, args.json)?
    } else if args.fused {
        walk::lab::fused(&attention, args.json)
    } else if args.decode {
        walk::lab::decode_steps(&attention, args.json)
    } else if let Some(bug) = args.bug {
        walk::lab::bug(&attention, bug.into(), args.json)
    } else if args.json {
        walk::walk_json(&attention, query)
    } else {
        walk::walk_text(&attention, query)
    };
    write_stdout(&text)
}

fn check(path: &std::path::Path) -> Result<()> {
    let scenario = scenario::load(path)?;
    let input = &scenario.input;
    let message = format!(
        "{}: fine: {} tokens, D = {}, d_k = {}, d_v = {}\n",
        scenario::display_name(path),
        input.x.nrows(),
        input.x.ncols(),
        input.w_k.ncols(),
        input.w_v.ncols()
    );
    write_stdout(&message)
}

/// Writes to stdout, treating a closed pipe (`| head`) as a normal end, not an error.
fn write_stdout(text: &str) -> Result<()> {
    let mut out = std::io::stdout().lock();
    match out.write_all(text.as_bytes()).and_then(|()| out.flush()) {
        Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => Err(e.into()),
        _ => Ok(()),
    }
}
