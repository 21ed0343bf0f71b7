# The base profile every node gets.
class profile::base {
  package { ['curl', 'git']:
    ensure => installed,
  }

  package { 'openssl':
    ensure => latest,
  }

  exec { 'patch the node':
    command => '/usr/bin/apt-get update && /usr/bin/apt-get -y upgrade',
  }

  file_line { 'sshd no root login':
    path => '/etc/ssh/sshd_config',
    line => 'PermitRootLogin no',
  }

  vcsrepo { '/opt/tools':
    ensure   => present,
    provider => git,
    source   => 'https://github.com/acme/tools.git',
    revision => 'main',
  }

  docker::image { 'redis':
    image_tag => '7.2',
  }
}
