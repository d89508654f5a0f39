//! `theodoi user …` and `theodoi token …`: accounts and API tokens from the
//! command line, for the first admin and for scripts.

use std::io::BufRead;
use std::process::ExitCode;

use anyhow::{bail, Result};
use theodoi_core::UserRole;
use theodoi_store::{NewUser, Store};
use theodoi_web::auth::{password, secret};

use super::{print_json, CLI_ACTOR};
use crate::cli::{TokenCommand, UserCommand, UserRoleArg};

pub async fn user(store: &Store, command: UserCommand) -> Result<ExitCode> {
    match command {
        UserCommand::Add { username, role, agency, email, password_stdin: _ } => {
            let pw = read_password()?;
            password::check_strength(&pw).map_err(|p| anyhow::anyhow!(p.message))?;
            let new = NewUser {
                username,
                role: role_of(role),
                agency,
                password_hash: password::hash_now(&pw).map_err(|p| anyhow::anyhow!(p.message))?,
                email,
                display_name: None,
            };
            let user = store.create_user(&new, CLI_ACTOR).await?;
            println!("Đã tạo tài khoản {} ({}).", user.username, user.role.label_vi());
        }
        UserCommand::List { json } => {
            let users = store.users().await?;
            if json {
                print_json(&users)?;
            } else {
                for u in users {
                    let agency = u.agency.unwrap_or_default();
                    println!("{:<20} {:<20} {agency}", u.username, u.role.label_vi());
                }
            }
        }
    }
    Ok(ExitCode::SUCCESS)
}

pub async fn token(store: &Store, command: TokenCommand) -> Result<ExitCode> {
    let TokenCommand::Create { username, label } = command;
    let Some((user, _)) = store.user_with_hash(&username).await? else {
        bail!("không có tài khoản \"{username}\"; tạo trước bằng `theodoi user add`");
    };
    let token = format!("tdk_{}", secret::random_hex(24));
    store.create_token(user.id, &secret::digest(&token), label.as_deref(), CLI_ACTOR).await?;
    println!("{token}");
    eprintln!("Mã truy cập chỉ in một lần; dùng trong tiêu đề Authorization: Bearer <mã>.");
    Ok(ExitCode::SUCCESS)
}

fn role_of(arg: UserRoleArg) -> UserRole {
    match arg {
        UserRoleArg::Admin => UserRole::Admin,
        UserRoleArg::Monitor => UserRole::Monitor,
        UserRoleArg::Leader => UserRole::Leader,
        UserRoleArg::Agency => UserRole::Agency,
    }
}

/// One line from standard input, without its line ending.
fn read_password() -> Result<String> {
    let mut line = String::new();
    std::io::stdin().lock().read_line(&mut line)?;
    let pw = line.trim_end_matches(['\r', '\n']).to_string();
    if pw.is_empty() {
        bail!("không đọc được mật khẩu từ đầu vào chuẩn; ví dụ: echo 'mật-khẩu' | theodoi user add … --password-stdin");
    }
    Ok(pw)
}
