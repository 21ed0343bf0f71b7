# @summary Packages, time and patching for every node.
#
# @param packages The tools every node has (Hiera: profile::base::packages).
# @param ntp_servers Where time comes from.
# @param patch Whether the nightly patch run is on.
class profile::base (
  Array[String] $packages,
  Array[String] $ntp_servers,
  Boolean $patch = true,
) {
  ensure_packages($packages, { ensure => installed })

  package { ['ca-certificates', 'openssl']:
    ensure => latest,
  }

  package { 'chrony':
    ensure => '4.5-1ubuntu4',
  }

  file { '/etc/chrony/chrony.conf':
    ensure  => file,
    content => epp('profile/chrony.conf.epp', { servers => $ntp_servers }),
    notify  => Service['chrony'],
  }

  service { 'chrony':
    ensure => running,
    enable => true,
  }

  if $patch {
    exec { 'nightly patch':
      command => '/usr/bin/apt-get update && /usr/bin/apt-get -y upgrade',
      timeout => 3600,
      unless  => '/usr/bin/test -f /etc/patching.disabled',
    }
  }

  # driftless-disable-next-line live-config-edit -- the distribution ships this file; we only add one line
  file_line { 'sudo secure_path':
    path  => '/etc/sudoers',
    line  => 'Defaults secure_path="/usr/local/bin:/usr/bin:/bin"',
    match => '^Defaults\s+secure_path',
  }

  augeas { 'sshd no root login':
    context => '/files/etc/ssh/sshd_config',
    changes => ['set PermitRootLogin no'],
  }
}
